import type { BodyId, PlanetId } from "../body-ids.js";
import type { Element, Modality, Sign } from "../zodiac.js";
import { capitalize, type NatalTexts, type SignTraits } from "./language.js";

// Brazilian Portuguese, addressing the reader as "você". Trait phrases stay within five words,
// as in the other languages, so that several planets in one sign do not repeat one another.
const SIGNS: Readonly<Record<Sign, SignTraits>> = {
  aries: {
    name: "Áries",
    styles: ["com ousadia e no impulso", "com garra competitiva"],
    need: "um desafio à sua altura",
    gifts: ["coragem para começar", "uma franqueza que corta hesitações"],
    shadows: ["a impaciência com os lentos", "um pavio curto"],
  },
  taurus: {
    name: "Touro",
    styles: ["com calma e constância", "devagar, pelos sentidos"],
    need: "segurança e tempo para decidir",
    gifts: ["persistência e bom senso", "um jeito sereno e confiável"],
    shadows: ["a teimosia depois de decidir", "o apego ao que passou"],
  },
  gemini: {
    name: "Gêmeos",
    styles: ["rápido, leve e perguntando muito", "conversando, com humor e movimento"],
    need: "variedade e boa conversa",
    gifts: ["humor e conexões rápidas", "uma mente viva e inventiva"],
    shadows: ["a energia dispersa", "o tédio diante da rotina"],
  },
  cancer: {
    name: "Câncer",
    styles: ["protegendo e por instinto", "com ternura, conforme o humor"],
    need: "acolhimento e sensação de pertencer",
    gifts: ["uma memória que cuida", "um instinto leal e protetor"],
    shadows: ["fechar-se na própria concha", "levar tudo a peito"],
  },
  leo: {
    name: "Leão",
    styles: ["com calor, orgulho e estilo", "com generosidade e à vista"],
    need: "reconhecimento e espaço para brilhar",
    gifts: ["generosidade e confiança natural", "um calor que encoraja"],
    shadows: ["precisar de plateia", "um orgulho que não recua"],
  },
  virgo: {
    name: "Virgem",
    styles: ["com capricho e detalhe", "com método, passo a passo"],
    need: "trabalho útil e ordem",
    gifts: ["precisão e ajuda prática", "um olhar que aprimora tudo"],
    shadows: ["a preocupação e a autocrítica", "perder-se nos detalhes"],
  },
  libra: {
    name: "Libra",
    styles: ["com diplomacia e elegância", "pesando cada lado com justiça"],
    need: "harmonia e parceria verdadeira",
    gifts: ["tato e senso de equilíbrio", "um charme que aproxima"],
    shadows: ["a indecisão", "a paz à sua custa"],
  },
  scorpio: {
    name: "Escorpião",
    styles: ["com intensidade e entrega total", "em silêncio e a fundo"],
    need: "profundidade, confiança e verdade",
    gifts: ["um olhar que penetra", "resistência diante de qualquer crise"],
    shadows: ["o ciúme e os extremos", "um segredo que isola"],
  },
  sagittarius: {
    name: "Sagitário",
    styles: ["com entusiasmo, mirando longe", "livremente e sem rodeios"],
    need: "liberdade e um sentido",
    gifts: ["otimismo e visão ampla", "sinceridade e espírito aventureiro"],
    shadows: ["prometer demais", "uma franqueza sem tato"],
  },
  capricorn: {
    name: "Capricórnio",
    styles: ["com paciência e disciplina", "com sobriedade, a longo prazo"],
    need: "uma meta digna do esforço",
    gifts: ["ambição com fôlego", "um realismo que funciona"],
    shadows: ["rigidez e medo de falhar", "medir seu valor pelas conquistas"],
  },
  aquarius: {
    name: "Aquário",
    styles: ["contra a corrente", "com frieza e por princípio"],
    need: "liberdade para pensar diferente",
    gifts: ["uma mente original e visionária", "lealdade a amigos e ideais"],
    shadows: ["um distanciamento que parece frio", "a rebeldia gratuita"],
  },
  pisces: {
    name: "Peixes",
    styles: ["com intuição e suavidade", "levado pelo que sente"],
    need: "calma, inspiração e conexão",
    gifts: ["compaixão e imaginação fértil", "ouvido para o não dito"],
    shadows: ["fugir das decisões difíceis", "carregar dores alheias"],
  },
};

const SUN_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Com o Sol em Áries você ganha vida quando há algo para começar. Prefere agir e ajustar no caminho a esperar pelo plano perfeito, e as pessoas percebem a energia que você traz quando chega. Seu crescimento está em descobrir que concluir também dá prazer, e que nem todo atraso é um obstáculo a ser atropelado.",
  taurus:
    "Com o Sol em Touro você constrói a vida com calma e para durar. Confia no que pode tocar, saborear e contar, e só se compromete quando tem certeza; depois disso, sua lealdade é notável. Seu crescimento está em deixar a mudança entrar antes que ela precise arrombar a porta, porque o conforto pode virar acomodação sem você perceber.",
  gemini:
    "Com o Sol em Gêmeos você se alimenta de ideias, conversas e variedade. Enxerga ligações que escapam aos outros e circula com facilidade por quase qualquer ambiente, o que faz de você uma ponte natural entre pessoas. Seu crescimento está em seguir um mesmo fio até o fim, em vez de deixar a curiosidade espalhar sua atenção.",
  cancer:
    "Com o Sol em Câncer você lidera pelo cuidado. Sua força vem da casa, da família e das pessoas que você considera suas, e você as protege com unhas e dentes. Suas emoções são uma bússola confiável, mesmo quando ficam escondidas atrás de uma casca cautelosa. Seu crescimento está em receber o mesmo carinho que você oferece com tanta generosidade.",
  leo: "Com o Sol em Leão você nasceu para ser visto. Calor, generosidade e senso de ocasião vêm naturalmente, e você levanta o astral dos outros só de participar de coração. Criar e brincar importam mais para você do que quase todo mundo admite. Seu crescimento está em brilhar sem precisar do aplauso para sentir que tem valor.",
  virgo:
    "Com o Sol em Virgem você encontra sentido em fazer as coisas bem-feitas. Vê o que pode melhorar, onde um processo está falhando e como ajudar de forma concreta, e sustenta muita coisa sem alarde. Seu crescimento está em olhar para si mesmo com a mesma precisão, mas com gentileza, aceitando que às vezes o suficiente é exatamente o certo.",
  libra:
    "Com o Sol em Libra você dá o melhor de si na convivência e a dois. Pesa os dois lados, sente o que seria justo e leva elegância ao modo como as pessoas se tratam. Beleza e equilíbrio são necessidades reais para você, não luxo. Seu crescimento está em dizer o que prefere mesmo quando isso ameaça a paz.",
  scorpio:
    "Com o Sol em Escorpião você vive com intensidade e olha por baixo da superfície. Meias medidas não interessam: você quer a verdade de uma pessoa ou de uma situação, e tem fôlego para atravessar uma crise inteira. Seu crescimento está em confiar o bastante para se deixar ver, e em soltar o que já terminou.",
  sagittarius:
    "Com o Sol em Sagitário você é movido pela busca de sentido e de horizontes amplos. Viagens, estudos e grandes conversas sobre como a vida funciona mantêm você desperto, e seu otimismo contagia. Você fala o que pensa, às vezes antes de ter pensado direito. Seu crescimento está em trazer sua visão para o próximo passo concreto.",
  capricorn:
    "Com o Sol em Capricórnio você pensa no longo prazo e assume responsabilidades. Está disposto a subir devagar rumo a algo que importa, e as pessoas aprendem que podem contar com você. Um humor seco costuma esconder o quanto você se importa. Seu crescimento está em se permitir descanso e prazer antes de alcançar todas as metas.",
  aquarius:
    "Com o Sol em Aquário você pensa com a própria cabeça e se preocupa com o coletivo. Ideias novas, sistemas mais justos e amizades entre iguais atraem você, e a tradição pela tradição raramente impressiona. Seu crescimento está em deixar seu afeto tão visível quanto seus princípios, para que as pessoas se sintam próximas e não apenas respeitem você.",
  pisces:
    "Com o Sol em Peixes você é sensível a climas, imagens e ao que não é dito. A compaixão vem fácil, e a imaginação, a música ou uma prática espiritual podem virar sua boia de salvação. Você absorve o ambiente ao redor mais do que imagina. Seu crescimento está em criar limites gentis, para que sua abertura continue sendo um dom e não um desgaste.",
};

const MOON_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Sua Lua em Áries faz você sentir rápido e sem disfarce. Você reage primeiro e pensa depois, e a raiva acende e apaga depressa. Sente-se seguro quando pode fazer algo a respeito de um problema, por isso ficar parado pesa mais do que um conflito. Exercício físico é um dos melhores jeitos de recuperar o equilíbrio.",
  taurus:
    "Sua Lua em Touro pede segurança e tranquilidade. Rotinas conhecidas, boa comida, um ambiente confortável e pessoas que não mudam de uma hora para outra acalmam você. Quando se abala, demora um pouco para voltar ao eixo, mas sua lealdade emocional é de uma firmeza rara.",
  gemini:
    "Sua Lua em Gêmeos processa os sentimentos conversando e pensando sobre eles. Você precisa de companhia para trocar ideias e de um pouco de novidade todos os dias; o tédio desestabiliza mais do que o drama. Escrever o que sente ou ligar para alguém de confiança devolve o equilíbrio rapidinho.",
  cancer:
    "Sua Lua em Câncer está em casa: suas emoções são profundas, sua memória afetiva é longa e você capta no ar o que os seus precisam. Um porto seguro, seja um lar, uma família ou um círculo de amigos fiéis, é indispensável para o seu bem-estar.",
  leo: "Sua Lua em Leão precisa de calor, admiração e um jeito de se expressar. Você se sente bem quando é amado abertamente e quando pode ser generoso em troca. Ser ignorado dói mais do que você deixa transparecer, e um pouco de reconhecimento faz maravilhas.",
  virgo:
    "Sua Lua em Virgem encontra conforto na ordem e em ser útil. Você se acalma arrumando, planejando ou ajudando, e demonstra carinho com gestos práticos. A preocupação cresce quando as coisas saem do controle, então rotinas simples e um pouco de indulgência com as próprias imperfeições fazem muito bem.",
  libra:
    "Sua Lua em Libra precisa de harmonia e de companhia. Você fica à vontade em ambientes agradáveis e em relações em que dar e receber se equilibram. Conflitos mexem fundo com você, e a tentação é apaziguar rápido demais; o que traz paz de verdade é dizer o que sente.",
  scorpio:
    "Sua Lua em Escorpião sente tudo com intensidade e guarda muito para si. Você precisa de sinceridade emocional e de confiança total antes de se abrir, e percebe correntes ocultas com uma precisão impressionante. Deixar velhas mágoas para trás é o seu trabalho mais difícil e também o mais curativo.",
  sagittarius:
    "Sua Lua em Sagitário precisa de liberdade, movimento e algo pelo que esperar. Você melhora o próprio humor com risadas, planos e experiências novas, e se sente sufocado por peso emocional demais. Tempo ao ar livre ou pé na estrada restauram você.",
  capricorn:
    "Sua Lua em Capricórnio mantém os sentimentos contidos e firmes. Você se sente seguro quando a vida está sob controle e os compromissos estão em dia, e talvez tenha amadurecido cedo. Permitir-se precisar dos outros, e ser cuidado de vez em quando, suaviza o hábito de dar conta de tudo sozinho.",
  aquarius:
    "Sua Lua em Aquário precisa de espaço e de sentir que faz parte de algo maior. Você costuma observar as emoções antes de expressá-las, o que traz calma no meio de uma crise. A amizade é central na sua vida afetiva, e você se sente em casa entre pessoas que respeitam sua independência.",
  pisces:
    "Sua Lua em Peixes é terna, intuitiva e muito receptiva. Você capta os sentimentos de quem está por perto como se fossem seus, por isso solidão, música, água ou um tempo criativo e tranquilo são necessidades de verdade. Sua compaixão é uma força, desde que você guarde um pouco dela para si.",
};

const ASCENDANT_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "O Ascendente em Áries dá a você um jeito direto e cheio de energia. Quem conhece você encontra alguém pronto para partir, franco e muitas vezes competitivo, que encara o novo de frente. Você aprende fazendo, e seu primeiro impulso costuma ser tomar a iniciativa.",
  taurus:
    "O Ascendente em Touro dá a você uma presença calma e firme. Os outros acham você tranquilizador e sem pressa, e você sonda o terreno antes de se comprometer. O ambiente físico e o conforto influenciam seu humor mais do que você imagina.",
  gemini:
    "O Ascendente em Gêmeos deixa você rápido, curioso e falante no primeiro contato. Você se adapta sem esforço a pessoas e lugares novos, pergunta bastante e muitas vezes parece mais jovem do que é. Sua primeira reação diante da vida é querer saber mais.",
  cancer:
    "O Ascendente em Câncer dá a você um jeito suave e protetor. Você lê o ambiente antes de entrar e tende a cuidar das pessoas desde o primeiro momento. Por trás da aparência doce há cautela, e você se abre quando se sente seguro.",
  leo: "O Ascendente em Leão dá a você uma presença calorosa e confiante, daquelas que ficam na memória. Você recebe a vida com estilo e senso de ocasião, e rende mais quando pode liderar ou se apresentar. Sua dignidade importa, e o incentivo desperta sua generosidade.",
  virgo:
    "O Ascendente em Virgem dá a você um ar modesto e atento. Você repara nos detalhes, chega preparado e prefere ser útil a chamar atenção. Analisa cada situação nova, e não é raro que peçam a você um conselho sensato.",
  libra:
    "O Ascendente em Libra dá a você charme, tato e bom gosto. Você deixa as pessoas à vontade e chega ao mundo pela parceria e pela colaboração. A aspereza incomoda você, que faz o possível para manter o clima agradável.",
  scorpio:
    "O Ascendente em Escorpião dá a você uma presença reservada e intensa. Os outros percebem profundidade e controle, e você avalia a situação antes de revelar muito de si. Você preserva bastante a própria intimidade e percebe com agudeza as intenções alheias.",
  sagittarius:
    "O Ascendente em Sagitário dá a você um jeito aberto e entusiasmado. Você encara a vida como uma aventura, fala com franqueza e faz amigos com facilidade em qualquer cultura. A inquietação faz parte de você, e você precisa de espaço para circular.",
  capricorn:
    "O Ascendente em Capricórnio causa uma primeira impressão serena e séria. Você aborda o novo com cautela e com um plano, e as pessoas enxergam alguém capaz e maduro. O calor humano aparece com o tempo, e muita gente com esse ascendente parece rejuvenescer com os anos.",
  aquarius:
    "O Ascendente em Aquário dá a você um jeito amigável, mas independente. Você transmite originalidade, certo distanciamento e interesse por ideias, e trata todos como iguais, seja qual for a posição deles. Você vive do seu jeito e resiste a ser rotulado.",
  pisces:
    "O Ascendente em Peixes dá a você uma presença suave e receptiva. Você capta depressa o clima de um lugar e se adapta a quem está ao redor, às vezes tanto que os outros veem em você o que desejam ver. Imaginação e bondade marcam seu jeito de estar no mundo.",
};

const POINT_NAMES: Readonly<Record<BodyId, string>> = {
  sun: "o Sol",
  moon: "a Lua",
  mercury: "Mercúrio",
  venus: "Vênus",
  mars: "Marte",
  jupiter: "Júpiter",
  saturn: "Saturno",
  uranus: "Urano",
  neptune: "Netuno",
  pluto: "Plutão",
  meanNode: "o Nodo Norte",
  trueNode: "o Nodo Norte",
  lilith: "Lilith, a Lua Negra",
};

const ELEMENTS: Readonly<Record<Element, string>> = {
  fire: "fogo",
  earth: "terra",
  air: "ar",
  water: "água",
};
const ELEMENTS_WITH_ARTICLE: Readonly<Record<Element, string>> = {
  fire: "o fogo",
  earth: "a terra",
  air: "o ar",
  water: "a água",
};
const MODALITIES: Readonly<Record<Modality, string>> = {
  cardinal: "cardinal",
  fixed: "fixo",
  mutable: "mutável",
};
const MODALITY_PLURAL: Readonly<Record<Modality, string>> = {
  cardinal: "cardinais",
  fixed: "fixos",
  mutable: "mutáveis",
};

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} e ${items.at(-1)}`;

const ORDINALS = [
  "primeira",
  "segunda",
  "terceira",
  "quarta",
  "quinta",
  "sexta",
  "sétima",
  "oitava",
  "nona",
  "décima",
  "décima primeira",
  "décima segunda",
];
const ordinal = (house: number) => ORDINALS[house - 1]!;

const ELEMENT_STRONG: Readonly<Record<Element, string>> = {
  fire: "Entusiasmo, coragem e vontade de criar movem você, e você costuma confiar no instinto e partir para a ação.",
  earth:
    "Você é prático, paciente e pé no chão, e confia no que pode ser visto, construído e medido.",
  air: "Você vive de ideias, palavras e relações, e precisa entender uma coisa antes de ficar em paz com ela.",
  water:
    "Sentimento, intuição e vínculo guiam você, que lê pessoas e ambientes com uma sensibilidade fora do comum.",
};

const MODALITY_STRONG: Readonly<Record<Modality, string>> = {
  cardinal: "você é de dar a largada, brilha no começo das coisas e responde rápido ao que é novo.",
  fixed:
    "você é persistente e leal, rende mais quando há algo a levar até o fim, embora demore a mudar de rumo.",
  mutable:
    "você é flexível e adaptável, se sai bem no meio das mudanças, embora se comprometer possa custar.",
};
const MODALITY_ACTION: Readonly<Record<Modality, string>> = {
  cardinal: "colocar as coisas em movimento",
  fixed: "sustentá-las até o fim",
  mutable: "se adaptar quando elas mudam",
};
const ASPECT_WORDS = {
  conjunction: "em conjunção com",
  sextile: "em sextil com",
  square: "em quadratura com",
  trine: "em trígono com",
  opposition: "em oposição a",
} as const;

/** The contractions Portuguese makes obligatory: "de o" is "do", "em a" is "na", "a a" is "à". */
const CONTRACTIONS: readonly [RegExp, string][] = [
  [/\bde (o|a|os|as)\b/g, "d$1"],
  [/\bem (o|a|os|as)\b/g, "n$1"],
  [/\bpor o\b/g, "pelo"],
  [/\bpor a\b/g, "pela"],
  [/\bpor os\b/g, "pelos"],
  [/\bpor as\b/g, "pelas"],
  [/\ba (o|os)\b/g, "a$1"],
  [/\ba a\b/g, "à"],
  [/\ba as\b/g, "às"],
];
const contract = (text: string) =>
  CONTRACTIONS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);

export const PT: NatalTexts = {
  terse: {
    names: {
      sun: "Sol",
      moon: "Lua",
      mercury: "Mercúrio",
      venus: "Vênus",
      mars: "Marte",
      jupiter: "Júpiter",
      saturn: "Saturno",
      uranus: "Urano",
      neptune: "Netuno",
      pluto: "Plutão",
      meanNode: "NodoMédio",
      trueNode: "NodoVerdadeiro",
      lilith: "Lilith",
      ascendant: "ASC",
      midheaven: "MC",
    },
    aspects: {
      conjunction: "conjunção",
      sextile: "sextil",
      square: "quadratura",
      trine: "trígono",
      opposition: "oposição",
    },
    house: "casa",
    retrograde: "retrógrado",
    direct: "direto",
  },
  finish: contract,
  titles: {
    overview: "Visão geral",
    sun: "O Sol: identidade e propósito",
    moon: "A Lua: sentimentos e necessidades",
    ascendant: "O Ascendente: seu jeito de chegar",
    planets: "Os planetas nos signos e nas casas",
    aspects: "Aspectos principais",
    balance: "Elementos e modalidades",
  },
  signs: SIGNS,
  sunInSign: SUN_IN_SIGN,
  moonInSign: MOON_IN_SIGN,
  ascendantInSign: ASCENDANT_IN_SIGN,
  pointNames: POINT_NAMES,
  pointThemes: {
    sun: ["seu senso de identidade", "quem você é no fundo"],
    moon: ["seu mundo emocional", "sua sensibilidade"],
    mercury: ["seu jeito de pensar", "sua forma de se comunicar"],
    venus: ["seu afeto", "aquilo que você valoriza"],
    mars: ["sua garra", "sua vontade de agir"],
    jupiter: ["seu otimismo", "sua vontade de crescer"],
    saturn: ["seu senso de dever", "sua necessidade de estrutura"],
    uranus: ["sua necessidade de liberdade", "seu lado independente"],
    neptune: ["sua imaginação", "seu anseio pelo ideal"],
    pluto: ["sua vontade de transformação", "sua intensidade mais funda"],
    meanNode: ["seu caminho de crescimento", "a direção em que cresce"],
    trueNode: ["seu caminho de crescimento", "a direção em que cresce"],
    lilith: ["seu lado indomável", "o indomável em você"],
  },
  elements: ELEMENTS,
  modalities: MODALITIES,
  list,
  overview: {
    keys: ({ sun, moon, rising }) => {
      const keys: string[] = [];
      if (sun) keys.push(`o Sol em ${SIGNS[sun].name}`);
      if (moon) keys.push(`a Lua em ${SIGNS[moon].name}`);
      if (rising) keys.push(`o Ascendente em ${SIGNS[rising].name}`);
      return `As principais chaves deste mapa são ${list(keys)}.`;
    },
    leadingElement: (e) =>
      `${capitalize(ELEMENTS_WITH_ARTICLE[e])} é o elemento dominante e dá o tom de tudo o que vem a seguir.`,
    sharedElements: (es) =>
      `Nenhum elemento domina sozinho: ${list(es.map((e) => ELEMENTS[e]))} estão empatados, e o mapa alterna entre os estilos de cada um.`,
    stellium: (planets, _sign, t) => {
      const names = capitalize(list(planets.map((p) => POINT_NAMES[p])));
      return [
        `${names} se reúnem em ${t.sign}. Um grupo assim, um stellium, concentra muita energia no estilo desse signo: ${t.style}.`,
        `${names} se aglomeram em ${t.sign}, e esse stellium faz da necessidade do signo, ${t.need}, um tema central da sua vida.`,
      ];
    },
    stelliumFallback: (planets, sign) =>
      `Stellium em ${SIGNS[sign].name}: ${list(planets.map((p) => POINT_NAMES[p]))}.`,
    timeUnknown:
      "O horário de nascimento é desconhecido, por isso o signo ascendente, as casas e os ângulos ficam de fora.",
    moonNearEdge: (sign) =>
      `A Lua anda cerca de 13° por dia e está perto do limite de ${SIGNS[sign].name}, então, no horário real do nascimento, pode ter estado no signo vizinho.`,
  },
  midheaven: (t) => [
    `O Meio do Céu em ${t.sign} fala do seu rumo público: você segue sua vocação ${t.style}, e sua reputação cresce graças a ${t.gift}.`,
    `Com o Meio do Céu em ${t.sign}, o mundo conhece você por ${t.gift}; a carreira pede que você trabalhe ${t.style}.`,
  ],
  midheavenFallback: (sign) => `Meio do Céu em ${SIGNS[sign].name}.`,
  planetInSign: {
    mercury: [
      (s) =>
        `Mercúrio em ${s.sign} molda seu jeito de pensar e de falar. Sua mente funciona ${s.style}, e você leva ${s.gift} às conversas e às decisões. O hábito a vigiar é ${s.shadow}.`,
      (s) =>
        `Com Mercúrio em ${s.sign} você aprende e se expressa ${s.style}. Você pensa melhor quando tem ${s.need}; as pessoas notam ${s.gift} no jeito como você explica as coisas, enquanto ${s.shadow} pode fazer você tropeçar.`,
    ],
    venus: [
      (s) =>
        `Vênus em ${s.sign} descreve como você ama e o que valoriza. Nos relacionamentos você se move ${s.style}, e oferece ${s.gift}. Você é mais feliz com ${s.need}, embora ${s.shadow} possa atrapalhar a intimidade.`,
      (s) =>
        `Com Vênus em ${s.sign} você demonstra carinho ${s.style}. O que atrai você é ${s.need}, e o que você leva para uma relação é ${s.gift}; a lição no amor é ficar de olho em ${s.shadow}.`,
    ],
    mars: [
      (s) =>
        `Marte em ${s.sign} mostra como você age e se afirma. Você vai atrás do que quer ${s.style}, apoiado em ${s.gift}. Sob pressão, cuidado com ${s.shadow}.`,
      (s) =>
        `Com Marte em ${s.sign} sua energia desperta diante de ${s.need}, e você costuma travar suas batalhas ${s.style}. Seu impulso carrega ${s.gift}; a raiva, quando vem, muitas vezes aparece como ${s.shadow}.`,
    ],
    jupiter: [
      (s) =>
        `Júpiter em ${s.sign} mostra onde você encontra fé e espaço para crescer. As oportunidades aparecem quando você age ${s.style}, e você pode contar com ${s.gift}. O exagero, aqui, se parece com ${s.shadow}.`,
      (s) =>
        `Com Júpiter em ${s.sign} seu otimismo nasce de ${s.need}. Você amplia seu mundo ${s.style}, e a vida costuma premiar ${s.gift}; passar da conta aparece como ${s.shadow}.`,
    ],
    saturn: [
      (s) =>
        `Saturno em ${s.sign} marca onde a vida pede paciência e estrutura. Você está aprendendo a assumir responsabilidades ${s.style}; no começo isso pode parecer ${s.shadow}, mas com o tempo amadurece em ${s.gift}.`,
      (s) =>
        `Com Saturno em ${s.sign} suas lições mais duras envolvem ${s.need}. Aqui o medo pode assumir a forma de ${s.shadow}, mas a disciplina que você constrói, trabalhando ${s.style}, vira com os anos ${s.gift}.`,
    ],
    uranus: [
      (s) =>
        `Urano em ${s.sign} é compartilhado por todos os nascidos em vários anos ao seu redor e descreve como sua geração rompe com o passado. Você tende a se rebelar e inovar ${s.style}, valorizando ${s.gift}.`,
      (s) =>
        `Com Urano em ${s.sign}, uma posição que toda a sua geração compartilha, as mudanças bruscas chegam em torno de ${s.need}. Seu lado independente aparece ${s.style}, e no que tem de melhor traz ${s.gift}.`,
    ],
    neptune: [
      (s) =>
        `Netuno em ${s.sign}, outra posição de geração, colore os ideais e os sonhos que você divide com seus contemporâneos. A inspiração chega por meio de ${s.need}, e pode se dissolver em ${s.shadow} quando a realidade decepciona.`,
      (s) =>
        `Com Netuno em ${s.sign} sua geração anseia por ${s.need}. Sua imaginação trabalha ${s.style}, e sua expressão mais fina é ${s.gift}; sua névoa, ${s.shadow}.`,
    ],
    pluto: [
      (s) =>
        `Plutão em ${s.sign} descreve as transformações profundas que sua geração atravessa. Poder e renovação chegam até você ${s.style}, e o que você ganha com isso, ${s.gift}, se firma toda vez que você encara de frente ${s.shadow}.`,
      (s) =>
        `Com Plutão em ${s.sign}, uma posição lenta e de geração, aquilo que você não consegue soltar envolve ${s.need}. As crises empurram você a mudar ${s.style}, e deixam ${s.gift}.`,
    ],
  },
  planetInSignFallback: (planet, sign) =>
    `${capitalize(POINT_NAMES[planet])} em ${SIGNS[sign].name}.`,
  ascendantFallback: (sign) => `Ascendente em ${SIGNS[sign].name}.`,
  houseAreas: [
    ["sua imagem e seu estilo", "seu jeito de começar"],
    ["a relação com o dinheiro", "seus ganhos e seus bens"],
    ["o aprendizado cotidiano", "irmãos, vizinhos e trajetos curtos"],
    ["a vida em família", "suas raízes"],
    ["os casos de amor", "o prazer de criar"],
    ["o trabalho cotidiano", "a rotina de cuidados"],
    ["a vida a dois", "seus compromissos pessoais"],
    ["a intimidade compartilhada", "os momentos de crise"],
    ["a busca de sentido", "os horizontes distantes"],
    ["a vida profissional", "sua vocação pública"],
    ["a vida em grupo", "seus aliados e seus sonhos"],
    ["o mundo interior", "o recolhimento"],
  ],
  planetInHouse: {
    sun: (h, a) =>
      `O Sol na ${ordinal(h)} casa coloca seu senso de propósito em ${a}. É onde você mais quer brilhar, e onde o esforço devolve confiança.`,
    moon: (h, a) =>
      `Com a Lua na ${ordinal(h)} casa, sua segurança emocional está ligada a ${a}. Seu humor sobe e desce com o que acontece aqui, e é aqui que você busca conforto quase sem pensar.`,
    mercury: (h, a) =>
      `Na ${ordinal(h)} casa, Mercúrio direciona sua curiosidade para ${a}, e você pensa, lê e fala bastante sobre esses assuntos.`,
    venus: (h, a) =>
      `Posicionada na ${ordinal(h)} casa, Vênus traz facilidade e prazer a ${a}; é aqui que você mostra seu charme e que coisas boas costumam chegar.`,
    mars: (h, a) =>
      `Na ${ordinal(h)} casa, Marte concentra sua garra em ${a}. Aqui você luta com força pelo que quer, às vezes força demais, e aqui você faz as coisas acontecerem.`,
    jupiter: (h, a) =>
      `O lugar de Júpiter na ${ordinal(h)} casa expande ${a}: crescimento e boa sorte costumam chegar por esse caminho, desde que você não exagere.`,
    saturn: (h, a) =>
      `Da ${ordinal(h)} casa, Saturno pede paciência com ${a}. As dificuldades do início viram aqui uma força duradoura, e é aqui que você conquista autoridade de verdade.`,
    uranus: (h, a) =>
      `No plano pessoal, Urano atua pela ${ordinal(h)} casa e traz surpresas e necessidade de liberdade a ${a}; espere o nada convencional, e espere mudar de ideia.`,
    neptune: (h, a) =>
      `Na sua própria vida, Netuno ocupa a ${ordinal(h)} casa e acrescenta idealismo e um pouco de neblina a ${a}. A intuição é uma boa guia aqui, mas vale conferir os fatos.`,
    pluto: (h, a) =>
      `Seu palco pessoal é a ${ordinal(h)} casa, que faz de ${a} um lugar de mudança profunda: podem surgir disputas de poder, e também uma renovação intensa.`,
  },
  planetInHouseFallback: (planet: PlanetId, house) =>
    `${capitalize(POINT_NAMES[planet])}: casa ${house}.`,
  retrograde: [
    (p) =>
      `${capitalize(p)} estava retrógrado quando você nasceu, o que volta sua energia para dentro: seus temas amadurecem devagar e em particular antes de aparecer.`,
    (p) =>
      `Por estar retrógrado no seu nascimento, ${p} tende a trabalhar revisando e refletindo, voltando a velhas perguntas até resolvê-las de verdade.`,
    (p) =>
      `Seu movimento retrógrado no nascimento sugere que você reelabora as lições de ${p} do seu jeito, em vez de aceitá-las prontas.`,
    (p) => `Retrógrado no nascimento, ${p} amadurece tarde, mas o que ensina acaba sendo seu.`,
    (p) =>
      `Como ${p} recuava quando você nasceu, você volta aos temas dele e encontra ali suas respostas na segunda vez.`,
    (p) =>
      `Com ${p} retrógrado, as dúvidas e o ensaio em particular vêm antes da expressão para fora.`,
  ],
  retrogradeFallback: (planet) => `${capitalize(POINT_NAMES[planet])} estava retrógrado.`,
  aspects: {
    conjunction: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} em conjunção com ${s.b} (orbe ${s.orb}) funde ${s.themeA} com ${s.themeB}.`,
        (s) =>
          `${capitalize(s.a)} e ${s.b} se encontram (orbe ${s.orb}) e unem ${s.themeA} e ${s.themeB}.`,
        (s) =>
          `Em conjunção (orbe ${s.orb}), ${s.a} amarra ${s.themeA} a ${s.themeB}, o território de ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} e ${s.themeB} andam juntos: ${s.a} se une a ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Os dois agem como um só, para o bem e para o mal, e não dá para expressar um sem mexer no outro.",
        "Juntos formam uma força única e concentrada que marca o tom do mapa.",
        "Aprender onde um termina e o outro começa faz parte da sua tarefa.",
        "Um encontro assim intensifica os dois planetas: o que um faz, o outro acompanha.",
      ],
    },
    sextile: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} em sextil com ${s.b} (orbe ${s.orb}) faz ${s.themeA} e ${s.themeB} colaborarem.`,
        (s) => `Um sextil entre ${s.a} e ${s.b} (orbe ${s.orb}) liga ${s.themeA} a ${s.themeB}.`,
        (s) => `Graças a um sextil (orbe ${s.orb}), ${s.a} empresta ${s.themeA} a ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} e ${s.themeB} se dão bem: ${s.a} faz sextil com ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "É uma porta aberta, não uma garantia: com um pouco de esforço, os dois se combinam de forma produtiva.",
        "As oportunidades que ele oferece recompensam quando você age sobre elas.",
        "Pequenas iniciativas que juntam os dois costumam dar frutos.",
        "Pense nisso como uma apresentação amigável que você ainda precisa levar adiante.",
      ],
    },
    square: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} em quadratura com ${s.b} (orbe ${s.orb}) coloca ${s.themeA} contra ${s.themeB}.`,
        (s) =>
          `Com ${s.a} em quadratura com ${s.b} (orbe ${s.orb}), ${s.themeA} e ${s.themeB} puxam para lados diferentes.`,
        (s) =>
          `Uma quadratura (orbe ${s.orb}) põe ${s.themeA}, por meio de ${s.a}, em choque com ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} esbarra em ${s.themeB}: ${s.a} faz quadratura com ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "O atrito pode incomodar, mas também é um motor que empurra você a agir e, com o tempo, a desenvolver uma habilidade real.",
        "Aprender a dar a vez a cada um transforma uma tensão recorrente em força.",
        "Sempre que um avança, o outro protesta, e os acordos que você encontra viram o seu ofício.",
        "Uma tensão assim raramente some; ela fica útil quando você para de brigar com ela.",
      ],
    },
    trine: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} em trígono com ${s.b} (orbe ${s.orb}) deixa ${s.themeA} fluir para ${s.themeB}.`,
        (s) =>
          `Um trígono entre ${s.a} e ${s.b} (orbe ${s.orb}) harmoniza ${s.themeA} e ${s.themeB}.`,
        (s) =>
          `Graças a um trígono (orbe ${s.orb}), ${s.themeA} sustenta ${s.themeB}, e ${s.a} ajuda ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} e ${s.themeB} se entendem sem esforço: ${s.a} faz trígono com ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "É um talento natural, tão fácil que pode passar despercebido se você não o puser para trabalhar.",
        "O que eles compartilham chega sem esforço e merece ser cultivado de propósito.",
        "O dom cresce quando é usado de forma deliberada.",
        "Essa facilidade é um recurso: apoie-se nela quando outras partes do mapa pesarem.",
      ],
    },
    opposition: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} em oposição a ${s.b} (orbe ${s.orb}) põe ${s.themeA} e ${s.themeB} numa gangorra.`,
        (s) => `Com ${s.a} diante de ${s.b} (orbe ${s.orb}), ${s.themeA} se mede com ${s.themeB}.`,
        (s) =>
          `Uma oposição (orbe ${s.orb}) pede que você sustente ao mesmo tempo ${s.themeA} e ${s.themeB}, ${s.a} diante de ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} e ${s.themeB} se olham de frente: ${s.a} se opõe a ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Você pode oscilar entre os dois, ou encontrar um dos lados em outras pessoas, até achar um equilíbrio que respeite ambos.",
        "Os relacionamentos costumam trazer essa polaridade à tona, e ter consciência dela dá perspectiva.",
        "Os outros muitas vezes espelham o lado que você deixa de lado.",
        "A saída raramente é escolher um lado; trata-se de dar a cada um a sua estação.",
      ],
    },
  },
  aspectFallback: (a, type, b, orb) =>
    `${capitalize(POINT_NAMES[a])} ${ASPECT_WORDS[type]} ${POINT_NAMES[b]}, orbe ${orb}.`,
  pairNotes: {
    personal: [
      "Os dois são planetas pessoais, então isso aparece com clareza no dia a dia.",
      "Como são dois planetas pessoais, você vai notar isso na rotina.",
      "Participam dois planetas pessoais, o que torna o tema fácil de reconhecer.",
    ],
    personalOuter: [
      "Como um planeta lento toca um pessoal, o tema é vivido na pele e volta nos momentos decisivos.",
      "Um planeta exterior tocando um pessoal faz disso um tema de vida inteira, reaceso a cada encruzilhada.",
      "Aqui um planeta de geração cruza com um pessoal, então o tema parece maior que você e continua voltando.",
    ],
    outer: [
      "Os dois planetas andam devagar, então isso é mais uma marca da sua geração do que só sua.",
      "Dois planetas lentos formam este aspecto, que toda a sua geração compartilha.",
      "Seus contemporâneos também carregam este aspecto: os dois planetas se movem devagar.",
    ],
  },
  balance: {
    elementLead: (e, count, total) =>
      `${capitalize(ELEMENTS_WITH_ARTICLE[e])} é o seu elemento mais forte, com ${count} dos ${total} pontos contados. ${ELEMENT_STRONG[e]}`,
    elementTie: (es, count, total) =>
      `${capitalize(list(es.map((e) => ELEMENTS[e])))} dividem a liderança, com ${count} dos ${total} pontos cada um. ${es.map((e) => ELEMENT_STRONG[e]).join(" ")}`,
    countFallback: (name, count, total) => `${capitalize(name)}: ${count} de ${total}.`,
    elementWeak: (e) =>
      ({
        fire: "O fogo é escasso no seu mapa, então o entusiasmo e a autoafirmação podem precisar de um empurrão consciente; exercício, brincadeira e pequenos passos ousados ajudam.",
        earth:
          "Com pouca terra, rotinas, dinheiro e corpo podem pedir atenção deliberada; estruturas simples tornam seus outros dons utilizáveis.",
        air: "Falta ar por aqui: afastar-se para ver uma situação com objetividade, e colocar os sentimentos em palavras, pode exigir prática.",
        water:
          "Um mapa com pouca água analisa os sentimentos com mais facilidade do que os sente; o tempo com pessoas de confiança ajuda a trazê-los à tona.",
      })[e],
    modalityLead: (m, count, total) =>
      `Os signos ${MODALITY_PLURAL[m]} predominam no seu mapa (${count} de ${total}): ${MODALITY_STRONG[m]}`,
    modalityTie: (ms, count, total) =>
      `Os signos ${list(ms.map((m) => MODALITY_PLURAL[m]))} estão empatados, com ${count} de ${total} cada: você dá o seu melhor ao ${list(ms.map((m) => MODALITY_ACTION[m]))}, e alterna entre esses modos conforme a situação pede.`,
  },
};
