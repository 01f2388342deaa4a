import type { PlanetId } from "../body-ids.js";
import type { CompatibilityTheme } from "../compatibility.js";
import type { NatalTarget } from "../transits.js";
import { SIGNS, type Sign } from "../zodiac.js";
import { capitalize, type MajorAspectType, type ReadingLanguage } from "./language.js";
import { NATAL_TEXTS } from "./texts.js";

export interface PairSlots {
  /** "A's Venus", "la Venus de A". */
  readonly x: string;
  readonly y: string;
  /** What each planet stands for in a relationship. */
  readonly themeX: string;
  readonly themeY: string;
  readonly orb: string;
}

/** What a synastry reading says, in one language. */
export interface SynastryTexts {
  readonly titles: {
    readonly compatibility: string;
    readonly aspects: string;
    readonly overlays: string;
  };
  /** Names used when the caller gives none. */
  readonly defaultNames: readonly [string, string];
  possessed(planet: PlanetId, person: string): string;
  /** What each planet stands for in a relationship, as one person's: "Ana's way of loving". */
  possessedTheme(planet: PlanetId, person: string): string;
  score(score: number, a: string, b: string): string;
  weights(harmony: number, tension: number): string;
  themeScores(themes: Readonly<Record<CompatibilityTheme, number>>): string;
  strongest(theme: CompatibilityTheme): string;
  readonly aspects: Readonly<Record<MajorAspectType, readonly ((s: PairSlots) => string)[]>>;
  readonly meanings: {
    readonly harmonious: readonly string[];
    readonly challenging: readonly string[];
  };
  aspectFallback(x: string, type: MajorAspectType, y: string, orb: string): string;
  /** At most five words each. */
  readonly houseTopics: readonly string[];
  overlay(planet: string, owner: string, house: number, topic: string): readonly string[];
  overlayFallback(planet: string, owner: string, house: number): string;
}

/** What a transit reading says, in one language. */
export interface TransitTexts {
  readonly titles: { readonly overview: string; readonly aspects: string; readonly sky: string };
  readonly locale: string;
  overview(count: number, from: string, to: string): string;
  quiet(from: string, to: string): string;
  /** "your natal Moon", "your Ascendant". */
  natal(target: NatalTarget): string;
  /** "from 8 March to 22 March 2025"; either end may be open. */
  period(enters: string | null, leaves: string | null): string;
  /** "exact on 10 March 2025", or a phrase saying it does not become exact. */
  exact(dates: readonly string[]): string;
  readonly headlines: Readonly<
    Record<
      MajorAspectType,
      readonly ((s: { body: string; natal: string; period: string; exact: string }) => string)[]
    >
  >;
  /** What each transiting planet brings, two wordings. */
  readonly brings: Readonly<Record<PlanetId, readonly [string, string]>>;
  /** `when`: the first exact date, or the first date in orb. */
  headlineFallback(body: string, type: MajorAspectType, natal: string, when: string): string;
  station(
    body: string,
    direction: "retrograde" | "direct",
    date: string,
    sign: string,
  ): readonly string[];
  stationFallback(body: string, direction: "retrograde" | "direct", date: string): string;
  /** What a station means, said when a wording is still unused. */
  readonly stationMeanings: Readonly<Record<"retrograde" | "direct", readonly string[]>>;
  ingress(body: string, sign: string, date: string, retrograde: boolean): readonly string[];
  ingressFallback(body: string, sign: string, date: string): string;
  readonly ingressMeanings: Readonly<Record<"forward" | "back", readonly string[]>>;
}

const signName = (language: ReadingLanguage, sign: Sign) => NATAL_TEXTS[language].signs[sign].name;
export const signNames = (language: ReadingLanguage): Readonly<Record<Sign, string>> =>
  Object.fromEntries(SIGNS.map((s) => [s, signName(language, s)])) as Record<Sign, string>;

const THEME_NAMES: Readonly<Record<ReadingLanguage, Record<CompatibilityTheme, string>>> = {
  en: {
    attraction: "attraction",
    emotion: "emotion",
    communication: "communication",
    commitment: "commitment",
  },
  es: {
    attraction: "atracción",
    emotion: "emoción",
    communication: "comunicación",
    commitment: "compromiso",
  },
  pt: {
    attraction: "atração",
    emotion: "emoção",
    communication: "comunicação",
    commitment: "compromisso",
  },
};

const decimal = (n: number, language: ReadingLanguage) => {
  const text = n.toFixed(1);
  return language === "en" ? text : text.replace(".", ",");
};

const EN_NAMES: Readonly<Record<PlanetId, string>> = {
  sun: "Sun",
  moon: "Moon",
  mercury: "Mercury",
  venus: "Venus",
  mars: "Mars",
  jupiter: "Jupiter",
  saturn: "Saturn",
  uranus: "Uranus",
  neptune: "Neptune",
  pluto: "Pluto",
};

const EN_ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
];
const ES_ORDINALS = [
  "primera",
  "segunda",
  "tercera",
  "cuarta",
  "quinta",
  "sexta",
  "séptima",
  "octava",
  "novena",
  "décima",
  "undécima",
  "duodécima",
];
const PT_ORDINALS = [
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

export const SYNASTRY_TEXTS: Readonly<Record<ReadingLanguage, SynastryTexts>> = {
  en: {
    titles: {
      compatibility: "Compatibility",
      aspects: "The strongest contacts",
      overlays: "In each other's houses",
    },
    defaultNames: ["A", "B"],
    possessed: (planet, person) => `${person}'s ${EN_NAMES[planet]}`,
    possessedTheme: (planet, person) =>
      `${person}'s ${({ sun: "sense of self", moon: "emotional world", mercury: "way of thinking", venus: "way of loving", mars: "desire", jupiter: "generosity", saturn: "sense of duty", uranus: "need for freedom", neptune: "idealism", pluto: "intensity" } as const)[planet]}`,
    score: (score, a, b) =>
      score >= 70
        ? `${a} and ${b} score ${score} out of 100: an easy, encouraging match in which harmony clearly outweighs friction.`
        : score >= 55
          ? `${a} and ${b} score ${score} out of 100: a good match, with more that flows than grates.`
          : score >= 45
            ? `${a} and ${b} score ${score} out of 100: a balanced mix of ease and challenge, which asks for effort as much as it rewards it.`
            : score >= 30
              ? `${a} and ${b} score ${score} out of 100: a demanding match, where friction outweighs ease and growth comes through working things out.`
              : `${a} and ${b} score ${score} out of 100: a testing combination that brings strong lessons and needs patience on both sides.`,
    weights: (harmony, tension) =>
      `The harmonious contacts weigh ${decimal(harmony, "en")} in all, the challenging ones ${decimal(tension, "en")}.`,
    themeScores: (t) =>
      `By theme: attraction ${t.attraction}, emotion ${t.emotion}, communication ${t.communication}, commitment ${t.commitment}.`,
    strongest: (theme) => `The relationship is strongest in ${THEME_NAMES.en[theme]}.`,
    aspects: {
      conjunction: [
        (s) => `${s.x} conjunct ${s.y} (orb ${s.orb}) merges ${s.themeX} with ${s.themeY}.`,
        (s) =>
          `${s.x} meets ${s.y} (a conjunction, orb ${s.orb}), so ${s.themeX} touches ${s.themeY}.`,
        (s) =>
          `With ${s.x} on ${s.y} (orb ${s.orb}), ${s.themeX} and ${s.themeY} become one shared theme.`,
      ],
      sextile: [
        (s) => `${s.x} sextile ${s.y} (orb ${s.orb}) lets ${s.themeX} cooperate with ${s.themeY}.`,
        (s) =>
          `A sextile from ${s.x} to ${s.y} (orb ${s.orb}) opens a friendly door between ${s.themeX} and ${s.themeY}.`,
        (s) =>
          `${s.x} and ${s.y} form a sextile (orb ${s.orb}): ${s.themeX} encourages ${s.themeY}.`,
      ],
      square: [
        (s) => `${s.x} square ${s.y} (orb ${s.orb}) sets ${s.themeX} against ${s.themeY}.`,
        (s) =>
          `A square from ${s.x} to ${s.y} (orb ${s.orb}) makes ${s.themeX} chafe against ${s.themeY}.`,
        (s) =>
          `${s.x} and ${s.y} clash by square (orb ${s.orb}), ${s.themeX} pulling one way and ${s.themeY} another.`,
      ],
      trine: [
        (s) => `${s.x} trine ${s.y} (orb ${s.orb}) lets ${s.themeX} flow into ${s.themeY}.`,
        (s) =>
          `A trine from ${s.x} to ${s.y} (orb ${s.orb}) brings ${s.themeX} and ${s.themeY} into easy accord.`,
        (s) => `${s.x} and ${s.y} share a trine (orb ${s.orb}): ${s.themeX} supports ${s.themeY}.`,
      ],
      opposition: [
        (s) =>
          `${s.x} opposite ${s.y} (orb ${s.orb}) puts ${s.themeX} face to face with ${s.themeY}.`,
        (s) =>
          `An opposition from ${s.x} to ${s.y} (orb ${s.orb}) makes ${s.themeX} and ${s.themeY} mirror each other.`,
        (s) =>
          `${s.x} and ${s.y} stand opposite (orb ${s.orb}): ${s.themeX} finds both pull and challenge in ${s.themeY}.`,
      ],
    },
    meanings: {
      harmonious: [
        "This is one of the bonds that makes the relationship feel natural.",
        "Here you understand each other without having to explain.",
        "Lean on this contact when other parts of the relationship feel hard.",
        "It is an easy strength, worth using on purpose.",
        "Both tend to feel more like themselves through this link.",
      ],
      challenging: [
        "It creates friction that can become growth when both stay curious rather than defensive.",
        "Expect to rub each other the wrong way here now and then; talking it through is what turns it round.",
        "The pull between you is strong here, and so is the lesson.",
        "This contact asks for patience, and it rewards the couple that learns to give each side its turn.",
        "Handled with care, the tension keeps the relationship awake.",
      ],
    },
    aspectFallback: (x, type, y, orb) => `${x}, ${type}, ${y}: ${orb}.`,
    houseTopics: [
      "self-image and presence",
      "money and values",
      "talk and daily contact",
      "home and family",
      "romance and play",
      "daily life and health",
      "partnership",
      "intimacy and trust",
      "beliefs and travel",
      "career and standing",
      "friendship and hopes",
      "the private inner life",
    ],
    overlay: (planet, owner, house, topic) => [
      `${planet} falls in ${owner}'s ${EN_ORDINALS[house - 1]} house, bringing its energy to ${topic}.`,
      `In ${owner}'s ${EN_ORDINALS[house - 1]} house, ${planet} lights up ${topic} for ${owner}.`,
      `${planet} lands in ${owner}'s ${EN_ORDINALS[house - 1]} house: ${topic} is where ${owner} feels it.`,
      `With ${planet} in ${owner}'s ${EN_ORDINALS[house - 1]} house, ${topic} becomes shared ground.`,
    ],
    overlayFallback: (planet, owner, house) => `House ${house} of ${owner}: ${planet}.`,
  },
  es: {
    titles: {
      compatibility: "Compatibilidad",
      aspects: "Los contactos más fuertes",
      overlays: "En las casas del otro",
    },
    defaultNames: ["A", "B"],
    possessed: (planet, person) =>
      `${({ sun: "el Sol", moon: "la Luna", mercury: "el Mercurio", venus: "la Venus", mars: "el Marte", jupiter: "el Júpiter", saturn: "el Saturno", uranus: "el Urano", neptune: "el Neptuno", pluto: "el Plutón" } as const)[planet]} de ${person}`,
    possessedTheme: (planet, person) =>
      `${({ sun: "la identidad", moon: "el mundo emocional", mercury: "la manera de pensar", venus: "la forma de amar", mars: "el deseo", jupiter: "la generosidad", saturn: "el sentido del deber", uranus: "la necesidad de libertad", neptune: "el idealismo", pluto: "la intensidad" } as const)[planet]} de ${person}`,
    score: (score, a, b) =>
      score >= 70
        ? `${a} y ${b} obtienen ${score} de 100: una combinación fácil y alentadora, en la que la armonía pesa claramente más que el roce.`
        : score >= 55
          ? `${a} y ${b} obtienen ${score} de 100: buena sintonía, con más cosas que fluyen que cosas que chirrían.`
          : score >= 45
            ? `${a} y ${b} obtienen ${score} de 100: una mezcla equilibrada de facilidad y desafío, que pide tanto esfuerzo como el que recompensa.`
            : score >= 30
              ? `${a} y ${b} obtienen ${score} de 100: una combinación exigente, donde el roce supera a la facilidad y se crece resolviendo las diferencias.`
              : `${a} y ${b} obtienen ${score} de 100: una combinación que pone a prueba, trae lecciones fuertes y pide paciencia por ambas partes.`,
    weights: (harmony, tension) =>
      `Los contactos armónicos suman ${decimal(harmony, "es")} en total; los tensos, ${decimal(tension, "es")}.`,
    themeScores: (t) =>
      `Por temas: atracción ${t.attraction}, emoción ${t.emotion}, comunicación ${t.communication}, compromiso ${t.commitment}.`,
    strongest: (theme) =>
      `El punto más fuerte de la relación es la ${THEME_NAMES.es[theme]}.`.replace(
        "la compromiso",
        "el compromiso",
      ),
    aspects: {
      conjunction: [
        (s) =>
          `${capitalize(s.x)} en conjunción con ${s.y} (orbe ${s.orb}) funde ${s.themeX} con ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} se encuentra con ${s.y} (conjunción, orbe ${s.orb}): ${s.themeX} roza ${s.themeY}.`,
        (s) =>
          `Con ${s.x} sobre ${s.y} (orbe ${s.orb}), ${s.themeX} y ${s.themeY} se vuelven un tema compartido.`,
      ],
      sextile: [
        (s) =>
          `${capitalize(s.x)} en sextil con ${s.y} (orbe ${s.orb}) hace colaborar ${s.themeX} con ${s.themeY}.`,
        (s) =>
          `Un sextil entre ${s.x} y ${s.y} (orbe ${s.orb}) abre una puerta amable entre ${s.themeX} y ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} y ${s.y} forman un sextil (orbe ${s.orb}): ${s.themeX} anima ${s.themeY}.`,
      ],
      square: [
        (s) =>
          `${capitalize(s.x)} en cuadratura con ${s.y} (orbe ${s.orb}) enfrenta ${s.themeX} con ${s.themeY}.`,
        (s) =>
          `Una cuadratura entre ${s.x} y ${s.y} (orbe ${s.orb}) hace que ${s.themeX} choque con ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} y ${s.y} chocan en cuadratura (orbe ${s.orb}): ${s.themeX} tira hacia un lado y ${s.themeY} hacia otro.`,
      ],
      trine: [
        (s) =>
          `${capitalize(s.x)} en trígono con ${s.y} (orbe ${s.orb}) deja fluir ${s.themeX} hacia ${s.themeY}.`,
        (s) =>
          `Un trígono entre ${s.x} y ${s.y} (orbe ${s.orb}) pone de acuerdo ${s.themeX} y ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} y ${s.y} comparten un trígono (orbe ${s.orb}): ${s.themeX} sostiene ${s.themeY}.`,
      ],
      opposition: [
        (s) =>
          `${capitalize(s.x)} en oposición a ${s.y} (orbe ${s.orb}) pone cara a cara ${s.themeX} y ${s.themeY}.`,
        (s) =>
          `Una oposición entre ${s.x} y ${s.y} (orbe ${s.orb}) hace que ${s.themeX} y ${s.themeY} se reflejen.`,
        (s) =>
          `${capitalize(s.x)} y ${s.y} se oponen (orbe ${s.orb}): ${s.themeX} encuentra en ${s.themeY} atracción y desafío.`,
      ],
    },
    meanings: {
      harmonious: [
        "Es uno de los lazos que hacen que la relación se sienta natural.",
        "Aquí se entienden sin necesidad de explicarse.",
        "Conviene apoyarse en este contacto cuando otras partes de la relación pesen.",
        "Es una fortaleza fácil que vale la pena usar a propósito.",
        "Gracias a este vínculo, ambos tienden a sentirse más ellos mismos.",
      ],
      challenging: [
        "Genera una fricción que puede convertirse en crecimiento si los dos mantienen la curiosidad en lugar de ponerse a la defensiva.",
        "Es normal que aquí se saquen de quicio de vez en cuando; hablarlo es lo que le da la vuelta.",
        "La atracción entre ambos es fuerte aquí, y la lección también.",
        "Este contacto pide paciencia, y premia a la pareja que aprende a dar a cada lado su turno.",
        "Llevada con cuidado, la tensión mantiene despierta la relación.",
      ],
    },
    aspectFallback: (x, type, y, orb) =>
      `${capitalize(x)}, ${({ conjunction: "conjunción", sextile: "sextil", square: "cuadratura", trine: "trígono", opposition: "oposición" } as const)[type]}, ${y}: ${orb}.`,
    houseTopics: [
      "la imagen y la presencia",
      "el dinero y los valores",
      "la conversación diaria",
      "el hogar y la familia",
      "el romance y el juego",
      "la rutina y la salud",
      "la pareja",
      "la intimidad y la confianza",
      "las creencias y los viajes",
      "la carrera y la posición",
      "la amistad y los proyectos",
      "la vida interior",
    ],
    overlay: (planet, owner, house, topic) => [
      `${capitalize(planet)} cae en la ${ES_ORDINALS[house - 1]} casa de ${owner} y lleva su energía a ${topic}.`,
      `En la ${ES_ORDINALS[house - 1]} casa de ${owner}, ${planet} ilumina ${topic}.`,
      `${capitalize(planet)} ocupa la ${ES_ORDINALS[house - 1]} casa de ${owner}: ${owner} lo nota en ${topic}.`,
      `Con ${planet} en la ${ES_ORDINALS[house - 1]} casa de ${owner}, ${topic} se vuelve terreno compartido.`,
    ],
    overlayFallback: (planet, owner, house) => `Casa ${house} de ${owner}: ${planet}.`,
  },
  pt: {
    titles: {
      compatibility: "Compatibilidade",
      aspects: "Os contatos mais fortes",
      overlays: "Nas casas um do outro",
    },
    defaultNames: ["A", "B"],
    possessed: (planet, person) =>
      `${({ sun: "o Sol", moon: "a Lua", mercury: "o Mercúrio", venus: "a Vênus", mars: "o Marte", jupiter: "o Júpiter", saturn: "o Saturno", uranus: "o Urano", neptune: "o Netuno", pluto: "o Plutão" } as const)[planet]} de ${person}`,
    possessedTheme: (planet, person) =>
      `${({ sun: "a identidade", moon: "o mundo emocional", mercury: "o jeito de pensar", venus: "o jeito de amar", mars: "o desejo", jupiter: "a generosidade", saturn: "o senso de dever", uranus: "a necessidade de liberdade", neptune: "o idealismo", pluto: "a intensidade" } as const)[planet]} de ${person}`,
    score: (score, a, b) =>
      score >= 70
        ? `${a} e ${b} somam ${score} de 100: uma combinação fácil e animadora, em que a harmonia pesa claramente mais que o atrito.`
        : score >= 55
          ? `${a} e ${b} somam ${score} de 100: uma boa sintonia, com mais coisas que fluem do que coisas que rangem.`
          : score >= 45
            ? `${a} e ${b} somam ${score} de 100: uma mistura equilibrada de facilidade e desafio, que pede tanto esforço quanto recompensa.`
            : score >= 30
              ? `${a} e ${b} somam ${score} de 100: uma combinação exigente, em que o atrito supera a facilidade e o crescimento vem de resolver as diferenças.`
              : `${a} e ${b} somam ${score} de 100: uma combinação que testa, traz lições fortes e pede paciência dos dois lados.`,
    weights: (harmony, tension) =>
      `Os contatos harmoniosos pesam ${decimal(harmony, "pt")} no total; os tensos, ${decimal(tension, "pt")}.`,
    themeScores: (t) =>
      `Por tema: atração ${t.attraction}, emoção ${t.emotion}, comunicação ${t.communication}, compromisso ${t.commitment}.`,
    strongest: (theme) =>
      `O ponto mais forte da relação é a ${THEME_NAMES.pt[theme]}.`.replace(
        "a compromisso",
        "o compromisso",
      ),
    aspects: {
      conjunction: [
        (s) =>
          `${capitalize(s.x)} em conjunção com ${s.y} (orbe ${s.orb}) funde ${s.themeX} com ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} encontra ${s.y} (conjunção, orbe ${s.orb}): ${s.themeX} toca ${s.themeY}.`,
        (s) =>
          `Com ${s.x} sobre ${s.y} (orbe ${s.orb}), ${s.themeX} e ${s.themeY} viram um tema comum.`,
      ],
      sextile: [
        (s) =>
          `${capitalize(s.x)} em sextil com ${s.y} (orbe ${s.orb}) faz ${s.themeX} colaborar com ${s.themeY}.`,
        (s) =>
          `Um sextil entre ${s.x} e ${s.y} (orbe ${s.orb}) abre uma porta amigável entre ${s.themeX} e ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} e ${s.y} formam um sextil (orbe ${s.orb}): ${s.themeX} incentiva ${s.themeY}.`,
      ],
      square: [
        (s) =>
          `${capitalize(s.x)} em quadratura com ${s.y} (orbe ${s.orb}) põe ${s.themeX} contra ${s.themeY}.`,
        (s) =>
          `Uma quadratura entre ${s.x} e ${s.y} (orbe ${s.orb}) faz ${s.themeX} esbarrar em ${s.themeY}.`,
        (s) =>
          `${capitalize(s.x)} e ${s.y} se chocam em quadratura (orbe ${s.orb}): ${s.themeX} puxa para um lado e ${s.themeY} para outro.`,
      ],
      trine: [
        (s) =>
          `${capitalize(s.x)} em trígono com ${s.y} (orbe ${s.orb}) deixa ${s.themeX} fluir para ${s.themeY}.`,
        (s) =>
          `Um trígono entre ${s.x} e ${s.y} (orbe ${s.orb}) põe ${s.themeX} e ${s.themeY} em sintonia.`,
        (s) =>
          `${capitalize(s.x)} e ${s.y} compartilham um trígono (orbe ${s.orb}): ${s.themeX} sustenta ${s.themeY}.`,
      ],
      opposition: [
        (s) =>
          `${capitalize(s.x)} em oposição a ${s.y} (orbe ${s.orb}) põe frente a frente ${s.themeX} e ${s.themeY}.`,
        (s) =>
          `Uma oposição entre ${s.x} e ${s.y} (orbe ${s.orb}) faz ${s.themeX} e ${s.themeY} se espelharem.`,
        (s) =>
          `${capitalize(s.x)} e ${s.y} se opõem (orbe ${s.orb}): ${s.themeX} encontra em ${s.themeY} atração e desafio.`,
      ],
    },
    meanings: {
      harmonious: [
        "É um dos laços que fazem a relação parecer natural.",
        "Aqui vocês se entendem sem precisar explicar.",
        "Apoiem-se neste contato quando outras partes da relação pesarem.",
        "É uma força fácil, que vale a pena usar de propósito.",
        "Os dois tendem a se sentir mais eles mesmos por causa deste vínculo.",
      ],
      challenging: [
        "Gera um atrito que pode virar crescimento se os dois mantiverem a curiosidade em vez de se defender.",
        "É normal que aqui um tire o outro do sério de vez em quando; conversar é o que vira o jogo.",
        "A atração entre vocês é forte aqui, e a lição também.",
        "Este contato pede paciência, e recompensa o casal que aprende a dar a vez a cada lado.",
        "Com cuidado, a tensão mantém a relação acordada.",
      ],
    },
    aspectFallback: (x, type, y, orb) =>
      `${capitalize(x)}, ${({ conjunction: "conjunção", sextile: "sextil", square: "quadratura", trine: "trígono", opposition: "oposição" } as const)[type]}, ${y}: ${orb}.`,
    houseTopics: [
      "a imagem e a presença",
      "o dinheiro e os valores",
      "a conversa do dia a dia",
      "o lar e a família",
      "o romance e a diversão",
      "a rotina e a saúde",
      "a parceria",
      "a intimidade e a confiança",
      "as crenças e as viagens",
      "a carreira e a posição",
      "a amizade e os projetos",
      "a vida interior",
    ],
    overlay: (planet, owner, house, topic) => [
      `${capitalize(planet)} cai na ${PT_ORDINALS[house - 1]} casa de ${owner} e leva sua energia para ${topic}.`,
      `Na ${PT_ORDINALS[house - 1]} casa de ${owner}, ${planet} ilumina ${topic}.`,
      `${capitalize(planet)} ocupa a ${PT_ORDINALS[house - 1]} casa de ${owner}: ${topic} é onde ${owner} sente isso.`,
      `Com ${planet} na ${PT_ORDINALS[house - 1]} casa de ${owner}, ${topic} vira terreno comum.`,
    ],
    overlayFallback: (planet, owner, house) => `Casa ${house} de ${owner}: ${planet}.`,
  },
};

const NATAL_TARGETS_EN: Readonly<Record<NatalTarget, string>> = {
  sun: "your natal Sun",
  moon: "your natal Moon",
  mercury: "your natal Mercury",
  venus: "your natal Venus",
  mars: "your natal Mars",
  jupiter: "your natal Jupiter",
  saturn: "your natal Saturn",
  uranus: "your natal Uranus",
  neptune: "your natal Neptune",
  pluto: "your natal Pluto",
  meanNode: "your North Node",
  trueNode: "your North Node",
  lilith: "your Black Moon Lilith",
  ascendant: "your Ascendant",
  midheaven: "your Midheaven",
};
const NATAL_TARGETS_ES: Readonly<Record<NatalTarget, string>> = {
  sun: "tu Sol natal",
  moon: "tu Luna natal",
  mercury: "tu Mercurio natal",
  venus: "tu Venus natal",
  mars: "tu Marte natal",
  jupiter: "tu Júpiter natal",
  saturn: "tu Saturno natal",
  uranus: "tu Urano natal",
  neptune: "tu Neptuno natal",
  pluto: "tu Plutón natal",
  meanNode: "tu Nodo Norte",
  trueNode: "tu Nodo Norte",
  lilith: "tu Lilith",
  ascendant: "tu Ascendente",
  midheaven: "tu Medio Cielo",
};
const NATAL_TARGETS_PT: Readonly<Record<NatalTarget, string>> = {
  sun: "seu Sol natal",
  moon: "sua Lua natal",
  mercury: "seu Mercúrio natal",
  venus: "sua Vênus natal",
  mars: "seu Marte natal",
  jupiter: "seu Júpiter natal",
  saturn: "seu Saturno natal",
  uranus: "seu Urano natal",
  neptune: "seu Netuno natal",
  pluto: "seu Plutão natal",
  meanNode: "seu Nodo Norte",
  trueNode: "seu Nodo Norte",
  lilith: "sua Lilith",
  ascendant: "seu Ascendente",
  midheaven: "seu Meio do Céu",
};

export const TRANSIT_TEXTS: Readonly<Record<ReadingLanguage, TransitTexts>> = {
  en: {
    titles: {
      overview: "The period at a glance",
      aspects: "The main transits",
      sky: "Stations and ingresses",
    },
    locale: "en-GB",
    overview: (count, from, to) =>
      `From ${from} to ${to} the moving planets make ${count} aspects to your chart; the most significant are read below, heaviest first.`,
    quiet: (from, to) =>
      `From ${from} to ${to} the moving planets make no close aspect to your chart: a quiet stretch.`,
    natal: (target) => NATAL_TARGETS_EN[target],
    period: (enters, leaves) =>
      enters !== null && leaves !== null
        ? `from ${enters} to ${leaves}`
        : enters !== null
          ? `from ${enters} onwards`
          : leaves !== null
            ? `until ${leaves}`
            : "throughout the period",
    exact: (dates) =>
      dates.length === 0
        ? "without becoming exact in this period"
        : `exact on ${dates.length === 1 ? dates[0] : `${dates.slice(0, -1).join(", ")} and ${dates.at(-1)}`}`,
    headlines: {
      conjunction: [
        (s) => `${capitalize(s.body)} conjoins ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} passes over ${s.natal} (${s.exact}).`,
        (s) => `${capitalize(s.body)} meets ${s.natal} ${s.period}; the conjunction is ${s.exact}.`,
      ],
      sextile: [
        (s) => `${capitalize(s.body)} sextiles ${s.natal} ${s.period}, ${s.exact}.`,
        (s) =>
          `${capitalize(s.period)}, a sextile from ${s.body} opens doors for ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} makes a helpful sextile to ${s.natal} ${s.period}; it is ${s.exact}.`,
      ],
      square: [
        (s) => `${capitalize(s.body)} squares ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} presses on ${s.natal} by square (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} challenges ${s.natal} with a square ${s.period}; it is ${s.exact}.`,
      ],
      trine: [
        (s) => `${capitalize(s.body)} trines ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} supports ${s.natal} by trine (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} forms an easy trine to ${s.natal} ${s.period}; it is ${s.exact}.`,
      ],
      opposition: [
        (s) => `${capitalize(s.body)} opposes ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} stands opposite ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} faces ${s.natal} across the chart ${s.period}; the opposition is ${s.exact}.`,
      ],
    },
    brings: {
      sun: [
        "It puts the spotlight on this part of your life for a few days.",
        "Attention and vitality gather here briefly.",
      ],
      moon: [
        "It colours the mood for a few hours.",
        "Feelings run closer to the surface for a day.",
      ],
      mercury: [
        "Expect conversations, messages and decisions on the subject.",
        "Your thinking turns to it, and so do other people's words.",
      ],
      venus: [
        "It brings ease, pleasure and a chance to make peace.",
        "Affection and charm come more readily.",
      ],
      mars: [
        "It brings energy and impatience; act, but do not force.",
        "Drive rises, and so can tempers.",
      ],
      jupiter: [
        "It tends to bring growth, opportunity and confidence.",
        "Doors open; the risk is only to overdo it.",
      ],
      saturn: [
        "It tests, structures and asks for commitment.",
        "Slow, serious work now lays foundations that last.",
      ],
      uranus: [
        "It brings change, surprise and a thirst for freedom.",
        "Expect the unexpected, and the urge to break a mould.",
      ],
      neptune: [
        "It brings inspiration and some confusion; check facts, trust intuition.",
        "Boundaries soften, for better and for worse.",
      ],
      pluto: [
        "It brings deep, lasting transformation.",
        "Power, endings and renewal are the themes.",
      ],
    },
    headlineFallback: (body, type, natal, when) =>
      `${capitalize(body)}, ${type}, ${natal}: ${when}.`,
    station: (body, direction, date, sign) =>
      direction === "retrograde"
        ? [
            `${capitalize(body)} stations retrograde on ${date} in ${sign}.`,
            `On ${date} ${body} turns retrograde in ${sign}.`,
            `${capitalize(body)} goes retrograde in ${sign} on ${date}.`,
          ]
        : [
            `${capitalize(body)} stations direct on ${date} in ${sign}.`,
            `On ${date} ${body} turns direct in ${sign}.`,
            `${capitalize(body)} resumes direct motion in ${sign} on ${date}.`,
          ],
    stationFallback: (body, direction, date) => `${capitalize(body)} ${direction}: ${date}.`,
    stationMeanings: {
      retrograde: [
        "A time to review rather than launch.",
        "Its themes ask for a second look.",
        "Revisit, repair and rethink before pushing on.",
        "Old matters come back for another round.",
      ],
      direct: [
        "What was on hold starts moving again.",
        "Plans held back can go ahead.",
        "Delays ease and decisions come more easily.",
        "The review is over; act on what you learnt.",
      ],
    },
    ingress: (body, sign, date, retrograde) =>
      retrograde
        ? [
            `${capitalize(body)} slips back into ${sign} on ${date}.`,
            `On ${date} ${body} returns to ${sign}.`,
          ]
        : [
            `${capitalize(body)} enters ${sign} on ${date}.`,
            `From ${date}, ${body} moves through ${sign}.`,
            `On ${date} ${body} crosses into ${sign}.`,
          ],
    ingressFallback: (body, sign, date) => `${capitalize(body)} in ${sign}: ${date}.`,
    ingressMeanings: {
      forward: [
        "It changes the tone of the months ahead.",
        "A new chapter opens for its themes.",
        "Its style shifts to that of the new sign.",
      ],
      back: ["Unfinished business returns for a while.", "It goes back to tie up loose ends."],
    },
  },
  es: {
    titles: {
      overview: "El periodo de un vistazo",
      aspects: "Los tránsitos principales",
      sky: "Estaciones e ingresos",
    },
    locale: "es",
    overview: (count, from, to) =>
      `Del ${from} al ${to}, los planetas en movimiento forman ${count} aspectos con tu carta; a continuación se leen los más importantes, de mayor a menor peso.`,
    quiet: (from, to) =>
      `Del ${from} al ${to}, los planetas en movimiento no forman ningún aspecto cerrado con tu carta: un tramo tranquilo.`,
    natal: (target) => NATAL_TARGETS_ES[target],
    period: (enters, leaves) =>
      enters !== null && leaves !== null
        ? `del ${enters} al ${leaves}`
        : enters !== null
          ? `a partir del ${enters}`
          : leaves !== null
            ? `hasta el ${leaves}`
            : "durante todo el periodo",
    exact: (dates) =>
      dates.length === 0
        ? "sin llegar a ser exacto en este periodo"
        : `exacto el ${dates.length === 1 ? dates[0] : `${dates.slice(0, -1).join(", el ")} y el ${dates.at(-1)}`}`,
    headlines: {
      conjunction: [
        (s) => `${capitalize(s.body)} se une a ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} pasa sobre ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} se encuentra con ${s.natal} ${s.period}; el tránsito es ${s.exact}.`,
      ],
      sextile: [
        (s) => `${capitalize(s.body)} forma sextil con ${s.natal} ${s.period}, ${s.exact}.`,
        (s) =>
          `${capitalize(s.period)}, un sextil de ${s.body} abre puertas a ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} hace un sextil favorable a ${s.natal} ${s.period}; es ${s.exact}.`,
      ],
      square: [
        (s) => `${capitalize(s.body)} forma cuadratura con ${s.natal} ${s.period}, ${s.exact}.`,
        (s) =>
          `${capitalize(s.period)}, ${s.body} presiona a ${s.natal} en cuadratura (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} desafía a ${s.natal} con una cuadratura ${s.period}; es ${s.exact}.`,
      ],
      trine: [
        (s) => `${capitalize(s.body)} forma trígono con ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} apoya a ${s.natal} en trígono (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} traza un trígono amable a ${s.natal} ${s.period}; es ${s.exact}.`,
      ],
      opposition: [
        (s) => `${capitalize(s.body)} se opone a ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} se sitúa frente a ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} mira de frente a ${s.natal} ${s.period}; el tránsito es ${s.exact}.`,
      ],
    },
    brings: {
      sun: [
        "Pone el foco en esta parte de tu vida durante unos días.",
        "La atención y la vitalidad se concentran aquí por un momento.",
      ],
      moon: [
        "Tiñe el estado de ánimo durante unas horas.",
        "Las emociones quedan más a flor de piel durante un día.",
      ],
      mercury: [
        "Habrá conversaciones, mensajes y decisiones sobre el tema.",
        "Tu mente se vuelca en ello, y también las palabras de los demás.",
      ],
      venus: [
        "Trae facilidad, placer y ocasión de hacer las paces.",
        "El cariño y el encanto fluyen con más soltura.",
      ],
      mars: [
        "Trae energía e impaciencia; actúa, pero sin forzar.",
        "Sube el empuje, y también el mal genio.",
      ],
      jupiter: [
        "Suele traer crecimiento, oportunidades y confianza.",
        "Se abren puertas; el único riesgo es pasarse.",
      ],
      saturn: [
        "Pone a prueba, ordena y pide compromiso.",
        "El trabajo lento y serio de ahora sienta bases que duran.",
      ],
      uranus: [
        "Trae cambios, sorpresas y sed de libertad.",
        "Espera lo inesperado, y ganas de romper moldes.",
      ],
      neptune: [
        "Trae inspiración y algo de confusión; comprueba los hechos y escucha la intuición.",
        "Los límites se difuminan, para bien y para mal.",
      ],
      pluto: [
        "Trae una transformación profunda y duradera.",
        "El poder, los finales y la renovación son los temas.",
      ],
    },
    headlineFallback: (body, type, natal, when) =>
      `${capitalize(body)}, ${({ conjunction: "conjunción", sextile: "sextil", square: "cuadratura", trine: "trígono", opposition: "oposición" } as const)[type]}, ${natal}: ${when}.`,
    station: (body, direction, date, sign) =>
      direction === "retrograde"
        ? [
            `${capitalize(body)} se estaciona retrógrado el ${date} en ${sign}.`,
            `El ${date}, ${body} se vuelve retrógrado en ${sign}.`,
            `${capitalize(body)} entra en retrogradación en ${sign} el ${date}.`,
          ]
        : [
            `${capitalize(body)} se estaciona directo el ${date} en ${sign}.`,
            `El ${date}, ${body} retoma su marcha directa en ${sign}.`,
            `${capitalize(body)} vuelve a avanzar en ${sign} desde el ${date}.`,
          ],
    stationFallback: (body, direction, date) =>
      `${capitalize(body)} ${direction === "retrograde" ? "retrógrado" : "directo"}: ${date}.`,
    stationMeanings: {
      retrograde: [
        "Es momento de revisar más que de lanzar.",
        "Sus temas piden una segunda mirada.",
        "Conviene revisar, reparar y repensar antes de seguir.",
        "Los asuntos viejos vuelven para otra ronda.",
      ],
      direct: [
        "Lo que estaba en pausa vuelve a moverse.",
        "Los planes aplazados pueden seguir adelante.",
        "Los retrasos se alivian y decidir cuesta menos.",
        "Terminó la revisión; toca actuar con lo aprendido.",
      ],
    },
    ingress: (body, sign, date, retrograde) =>
      retrograde
        ? [
            `${capitalize(body)} vuelve a ${sign} el ${date}.`,
            `El ${date}, ${body} regresa a ${sign}.`,
          ]
        : [
            `${capitalize(body)} entra en ${sign} el ${date}.`,
            `Desde el ${date}, ${body} recorre ${sign}.`,
            `El ${date}, ${body} cruza a ${sign}.`,
          ],
    ingressFallback: (body, sign, date) => `${capitalize(body)} en ${sign}: ${date}.`,
    ingressMeanings: {
      forward: [
        "Cambia el tono de los meses siguientes.",
        "Se abre un capítulo nuevo para sus temas.",
        "Su estilo se tiñe del nuevo signo.",
      ],
      back: ["Vuelven por un tiempo los asuntos pendientes.", "Regresa para atar cabos sueltos."],
    },
  },
  pt: {
    titles: {
      overview: "O período num relance",
      aspects: "Os principais trânsitos",
      sky: "Estações e ingressos",
    },
    locale: "pt-BR",
    overview: (count, from, to) =>
      `De ${from} a ${to}, os planetas em movimento formam ${count} aspectos com o seu mapa; a seguir vêm os mais importantes, do mais forte ao mais leve.`,
    quiet: (from, to) =>
      `De ${from} a ${to}, os planetas em movimento não formam nenhum aspecto próximo com o seu mapa: um trecho tranquilo.`,
    natal: (target) => NATAL_TARGETS_PT[target],
    period: (enters, leaves) =>
      enters !== null && leaves !== null
        ? `de ${enters} a ${leaves}`
        : enters !== null
          ? `a partir de ${enters}`
          : leaves !== null
            ? `até ${leaves}`
            : "durante todo o período",
    exact: (dates) =>
      dates.length === 0
        ? "sem chegar a ser exato neste período"
        : `exato em ${dates.length === 1 ? dates[0] : `${dates.slice(0, -1).join(", ")} e ${dates.at(-1)}`}`,
    headlines: {
      conjunction: [
        (s) => `${capitalize(s.body)} se une a ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} passa sobre ${s.natal} (${s.exact}).`,
        (s) => `${capitalize(s.body)} encontra ${s.natal} ${s.period}; o trânsito fica ${s.exact}.`,
      ],
      sextile: [
        (s) => `${capitalize(s.body)} faz sextil com ${s.natal} ${s.period}, ${s.exact}.`,
        (s) =>
          `${capitalize(s.period)}, um sextil de ${s.body} abre portas para ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} forma um sextil favorável a ${s.natal} ${s.period}; fica ${s.exact}.`,
      ],
      square: [
        (s) => `${capitalize(s.body)} faz quadratura com ${s.natal} ${s.period}, ${s.exact}.`,
        (s) =>
          `${capitalize(s.period)}, ${s.body} pressiona ${s.natal} em quadratura (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} desafia ${s.natal} com uma quadratura ${s.period}; fica ${s.exact}.`,
      ],
      trine: [
        (s) => `${capitalize(s.body)} faz trígono com ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} apoia ${s.natal} em trígono (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} traça um trígono suave com ${s.natal} ${s.period}; fica ${s.exact}.`,
      ],
      opposition: [
        (s) => `${capitalize(s.body)} se opõe a ${s.natal} ${s.period}, ${s.exact}.`,
        (s) => `${capitalize(s.period)}, ${s.body} fica diante de ${s.natal} (${s.exact}).`,
        (s) =>
          `${capitalize(s.body)} encara ${s.natal} do outro lado do mapa ${s.period}; o trânsito fica ${s.exact}.`,
      ],
    },
    brings: {
      sun: [
        "Coloca os holofotes nesta área da sua vida por alguns dias.",
        "Atenção e vitalidade se concentram aqui por um tempo.",
      ],
      moon: ["Colore o humor por algumas horas.", "As emoções ficam à flor da pele por um dia."],
      mercury: [
        "Espere conversas, mensagens e decisões sobre o assunto.",
        "Sua mente se volta para isso, e as palavras dos outros também.",
      ],
      venus: [
        "Traz leveza, prazer e chance de fazer as pazes.",
        "Carinho e charme fluem com mais facilidade.",
      ],
      mars: [
        "Traz energia e impaciência; aja, mas sem forçar.",
        "A garra aumenta, e o pavio encurta.",
      ],
      jupiter: [
        "Costuma trazer crescimento, oportunidades e confiança.",
        "Portas se abrem; o único risco é exagerar.",
      ],
      saturn: [
        "Testa, estrutura e pede compromisso.",
        "O trabalho lento e sério de agora cria bases que duram.",
      ],
      uranus: [
        "Traz mudanças, surpresas e sede de liberdade.",
        "Espere o inesperado, e a vontade de quebrar padrões.",
      ],
      neptune: [
        "Traz inspiração e alguma confusão; confira os fatos e ouça a intuição.",
        "Os limites ficam difusos, para o bem e para o mal.",
      ],
      pluto: [
        "Traz uma transformação profunda e duradoura.",
        "Poder, finais e renovação são os temas.",
      ],
    },
    headlineFallback: (body, type, natal, when) =>
      `${capitalize(body)}, ${({ conjunction: "conjunção", sextile: "sextil", square: "quadratura", trine: "trígono", opposition: "oposição" } as const)[type]}, ${natal}: ${when}.`,
    station: (body, direction, date, sign) =>
      direction === "retrograde"
        ? [
            `${capitalize(body)} fica estacionário e retrógrado em ${date}, em ${sign}.`,
            `Em ${date}, ${body} fica retrógrado em ${sign}.`,
            `${capitalize(body)} entra em retrogradação em ${sign} em ${date}.`,
          ]
        : [
            `${capitalize(body)} fica estacionário e direto em ${date}, em ${sign}.`,
            `Em ${date}, ${body} retoma o movimento direto em ${sign}.`,
            `${capitalize(body)} volta a avançar em ${sign} a partir de ${date}.`,
          ],
    stationFallback: (body, direction, date) =>
      `${capitalize(body)} ${direction === "retrograde" ? "retrógrado" : "direto"}: ${date}.`,
    stationMeanings: {
      retrograde: [
        "É hora de revisar mais do que de lançar.",
        "Seus temas pedem um segundo olhar.",
        "Vale revisar, consertar e repensar antes de seguir.",
        "Assuntos antigos voltam para mais uma rodada.",
      ],
      direct: [
        "O que estava parado volta a andar.",
        "Os planos adiados podem seguir em frente.",
        "Os atrasos diminuem e decidir fica mais fácil.",
        "A revisão acabou; é hora de agir com o que aprendeu.",
      ],
    },
    ingress: (body, sign, date, retrograde) =>
      retrograde
        ? [
            `${capitalize(body)} volta para ${sign} em ${date}.`,
            `Em ${date}, ${body} retorna a ${sign}.`,
          ]
        : [
            `${capitalize(body)} entra em ${sign} em ${date}.`,
            `A partir de ${date}, ${body} percorre ${sign}.`,
            `Em ${date}, ${body} cruza para ${sign}.`,
          ],
    ingressFallback: (body, sign, date) => `${capitalize(body)} em ${sign}: ${date}.`,
    ingressMeanings: {
      forward: [
        "Isso muda o tom dos meses seguintes.",
        "Um novo capítulo se abre para os seus temas.",
        "Seu estilo ganha a cor do novo signo.",
      ],
      back: ["Assuntos pendentes voltam por um tempo.", "Volta para amarrar as pontas soltas."],
    },
  },
};
