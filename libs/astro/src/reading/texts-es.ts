import type { BodyId, PlanetId } from "../body-ids.js";
import type { Element, Modality, Sign } from "../zodiac.js";
import { capitalize, type NatalTexts, type SignTraits } from "./language.js";

// Spanish, in the familiar "tú" that astrology columns use. Trait phrases stay within five
// words, as in English, so that several planets in one sign do not repeat one another.
const SIGNS: Readonly<Record<Sign, SignTraits>> = {
  aries: {
    name: "Aries",
    styles: ["con audacia y por impulso", "con chispa competitiva"],
    need: "un reto a tu altura",
    gifts: ["valor para empezar", "una franqueza que corta dudas"],
    shadows: ["la impaciencia con los lentos", "un genio que estalla"],
  },
  taurus: {
    name: "Tauro",
    styles: ["con calma y constancia", "despacio, con los sentidos"],
    need: "seguridad y tiempo para decidir",
    gifts: ["aguante y sentido común", "un trato sereno y fiable"],
    shadows: ["la terquedad una vez decidido", "aferrarte a lo ya gastado"],
  },
  gemini: {
    name: "Géminis",
    styles: ["con rapidez y mil preguntas", "charlando, con ingenio y movimiento"],
    need: "variedad y buena conversación",
    gifts: ["ingenio y contactos rápidos", "una mente viva e inventiva"],
    shadows: ["la energía dispersa", "aburrirte con la rutina"],
  },
  cancer: {
    name: "Cáncer",
    styles: ["protegiendo y por instinto", "con ternura, según el ánimo"],
    need: "refugio emocional y pertenencia",
    gifts: ["una memoria que cuida", "un instinto leal y protector"],
    shadows: ["encerrarte en tu caparazón", "tomarte todo a pecho"],
  },
  leo: {
    name: "Leo",
    styles: ["con calidez, orgullo y estilo", "generosamente y sin esconderte"],
    need: "reconocimiento y espacio para brillar",
    gifts: ["generosidad y confianza natural", "un calor que anima"],
    shadows: ["necesitar público", "un orgullo que no cede"],
  },
  virgo: {
    name: "Virgo",
    styles: ["con esmero y detalle", "con método, paso a paso"],
    need: "trabajo útil y orden",
    gifts: ["precisión y ayuda práctica", "un ojo que mejora todo"],
    shadows: ["la preocupación y la autocrítica", "perderte en los detalles"],
  },
  libra: {
    name: "Libra",
    styles: ["con diplomacia y elegancia", "sopesando cada lado con justicia"],
    need: "armonía y un compañero verdadero",
    gifts: ["tacto y sentido del equilibrio", "un encanto que une"],
    shadows: ["la indecisión", "la paz a costa tuya"],
  },
  scorpio: {
    name: "Escorpio",
    styles: ["con intensidad y entrega total", "en silencio y a fondo"],
    need: "profundidad, confianza y verdad",
    gifts: ["una mirada que penetra", "resistencia ante cualquier crisis"],
    shadows: ["los celos y los extremos", "un secretismo que aísla"],
  },
  sagittarius: {
    name: "Sagitario",
    styles: ["con entusiasmo y mirando lejos", "con libertad y sin rodeos"],
    need: "libertad y un sentido",
    gifts: ["optimismo y amplitud de miras", "sinceridad y espíritu aventurero"],
    shadows: ["prometer de más", "una franqueza sin tacto"],
  },
  capricorn: {
    name: "Capricornio",
    styles: ["con paciencia y disciplina", "sobriamente, a largo plazo"],
    need: "una meta digna del esfuerzo",
    gifts: ["ambición con constancia", "un realismo que funciona"],
    shadows: ["rigidez y miedo al fracaso", "medir tu valor por logros"],
  },
  aquarius: {
    name: "Acuario",
    styles: ["por libre, a contracorriente", "con frialdad y por principios"],
    need: "libertad para pensar distinto",
    gifts: ["una mente original y visionaria", "lealtad a amigos e ideales"],
    shadows: ["un desapego que parece frío", "llevar la contraria porque sí"],
  },
  pisces: {
    name: "Piscis",
    styles: ["con intuición y suavidad", "guiado por lo que sientes"],
    need: "calma, inspiración y conexión",
    gifts: ["compasión e imaginación fértil", "oído para lo no dicho"],
    shadows: ["esquivar las decisiones difíciles", "cargar con penas ajenas"],
  },
};

const SUN_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Con el Sol en Aries te enciendes cuando hay algo que estrenar. Prefieres lanzarte y corregir sobre la marcha antes que esperar el plan perfecto, y los demás notan la energía con la que entras en una sala. Tu crecimiento pasa por descubrir que terminar también satisface, y que no todo retraso es un muro que derribar.",
  taurus:
    "Con el Sol en Tauro construyes tu vida despacio y para que dure. Confías en lo que puedes tocar, saborear y contar, y te cuesta comprometerte hasta estar seguro; después, tu lealtad es admirable. Tu crecimiento pasa por dejar entrar el cambio antes de que tenga que forzar la puerta, porque la comodidad puede volverse rutina sin que lo notes.",
  gemini:
    "Con el Sol en Géminis te alimentan las ideas, las conversaciones y la variedad. Ves conexiones que a otros se les escapan y sabes moverte en casi cualquier ambiente, lo que te convierte en un puente natural entre personas. Tu crecimiento pasa por seguir un mismo hilo hasta el final, en lugar de dejar que la curiosidad disperse tu atención.",
  cancer:
    "Con el Sol en Cáncer lideras desde el cuidado. Tu fuerza nace del hogar, de la familia y de la gente que consideras tuya, y la defiendes con uñas y dientes. Tus emociones son una brújula fiable, aunque a veces las escondas tras una concha prudente. Tu crecimiento pasa por recibir el mismo cariño que das con tanta generosidad.",
  leo: "Con el Sol en Leo has venido a que te vean. La calidez, la generosidad y el sentido de la ocasión te salen solos, y levantas el ánimo de los demás con solo implicarte de corazón. El juego y la creación te importan más de lo que casi nadie confiesa. Tu crecimiento pasa por brillar sin necesitar el aplauso para sentir que vales.",
  virgo:
    "Con el Sol en Virgo encuentras sentido en hacer bien las cosas. Ves qué se puede mejorar, dónde falla un proceso y cómo echar una mano concreta, y sostienes mucho sin hacer ruido. Tu crecimiento pasa por mirarte a ti mismo con esa misma precisión, pero con dulzura, aceptando que a veces lo suficiente es justo lo adecuado.",
  libra:
    "Con el Sol en Libra das lo mejor de ti en pareja y en compañía. Sopesas ambos lados, intuyes qué sería justo y pones elegancia en el trato entre las personas. La belleza y el equilibrio son para ti necesidades reales, no caprichos. Tu crecimiento pasa por decir lo que prefieres aunque eso altere la calma.",
  scorpio:
    "Con el Sol en Escorpio vives con intensidad y miras bajo la superficie. Las medias tintas no te interesan: quieres la verdad de una persona o de una situación, y tienes el aguante necesario para quedarte en plena crisis. Tu crecimiento pasa por confiar lo bastante como para dejarte ver, y por soltar lo que ya terminó.",
  sagittarius:
    "Con el Sol en Sagitario te mueve la búsqueda de sentido y de horizontes amplios. Los viajes, el estudio y las grandes charlas sobre cómo funciona la vida te mantienen despierto, y tu optimismo se contagia. Dices lo que piensas, a veces antes de haberlo pensado del todo. Tu crecimiento pasa por aterrizar tu visión en el siguiente paso concreto.",
  capricorn:
    "Con el Sol en Capricornio miras a largo plazo y asumes responsabilidades. Estás dispuesto a subir despacio hacia algo que importa, y la gente aprende que puede contar contigo. Un humor seco suele esconder cuánto te importan las cosas. Tu crecimiento pasa por concederte descanso y placer antes de haber alcanzado todas las metas.",
  aquarius:
    "Con el Sol en Acuario piensas por tu cuenta y te preocupa el grupo. Te atraen las ideas nuevas, los sistemas más justos y las amistades entre iguales, y la tradición por la tradición rara vez te impresiona. Tu crecimiento pasa por dejar que tu calidez se vea tanto como tus principios, para que la gente se sienta cerca de ti y no solo te respete.",
  pisces:
    "Con el Sol en Piscis eres sensible a los ambientes, a las imágenes y a lo que no se dice. La compasión te resulta fácil, y la imaginación, la música o una práctica espiritual pueden convertirse en tu salvavidas. Absorbes el clima que te rodea más de lo que crees. Tu crecimiento pasa por levantar límites amables, para que tu apertura siga siendo un don y no un desgaste.",
};

const MOON_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Tu Luna en Aries hace que sientas rápido y sin disfraz. Reaccionas primero y reflexionas después, y el enfado se enciende y se apaga enseguida. Te sientes a salvo cuando puedes hacer algo con un problema, así que la inacción te pesa más que el conflicto. El ejercicio físico es de las mejores maneras de recuperar el equilibrio.",
  taurus:
    "Tu Luna en Tauro necesita seguridad y calma. Te serenan las rutinas conocidas, la buena mesa, un entorno cómodo y la gente que no cambia de un día para otro. Si te alteras, tardas en volver a tu centro, pero tu lealtad emocional es de una firmeza poco común.",
  gemini:
    "Tu Luna en Géminis procesa lo que siente hablándolo y pensándolo. Necesitas compañía con la que charlar y un poco de novedad cada día; el aburrimiento te desestabiliza más que el drama. Escribir lo que te pasa o llamar a alguien de confianza te devuelve el equilibrio enseguida.",
  cancer:
    "Tu Luna en Cáncer está en su casa: tus emociones son hondas, tu memoria afectiva es larga y captas al vuelo lo que necesitan los tuyos. Un refugio seguro, sea un hogar, una familia o un círculo de amigos fieles, es imprescindible para tu bienestar.",
  leo: "Tu Luna en Leo necesita calor, aprecio y una forma de expresarse. Te sientes bien cuando te quieren abiertamente y cuando puedes ser generoso a cambio. Que te pasen por alto te duele más de lo que dejas ver, y un poco de reconocimiento hace maravillas contigo.",
  virgo:
    "Tu Luna en Virgo encuentra consuelo en el orden y en sentirse útil. Te calmas ordenando, planificando o ayudando, y demuestras tu cariño con gestos prácticos. La inquietud crece cuando las cosas se descontrolan, así que te sientan muy bien las rutinas sencillas y algo de indulgencia con tus propias imperfecciones.",
  libra:
    "Tu Luna en Libra necesita armonía y compañía. Estás a gusto en ambientes agradables y en relaciones donde el dar y el recibir se equilibran. El conflicto te remueve por dentro y puedes apresurarte a suavizarlo; lo que de verdad te trae paz es decir lo que sientes.",
  scorpio:
    "Tu Luna en Escorpio lo siente todo con intensidad y guarda mucho para sí. Necesitas sinceridad emocional y una confianza plena antes de abrirte, y percibes las corrientes ocultas con una precisión asombrosa. Soltar viejas heridas es tu tarea más difícil y también la más sanadora.",
  sagittarius:
    "Tu Luna en Sagitario necesita libertad, movimiento y algo que esperar con ilusión. Te levantas el ánimo con humor, planes y experiencias nuevas, y te agobia el exceso de peso emocional. Pasar tiempo al aire libre o ponerte en camino te devuelve a ti.",
  capricorn:
    "Tu Luna en Capricornio mantiene los sentimientos contenidos y firmes. Te sientes seguro cuando la vida está bajo control y cumples con tus obligaciones, y es posible que hayas madurado pronto. Permitirte necesitar a otros, y dejarte cuidar de vez en cuando, suaviza una costumbre de arreglártelas solo.",
  aquarius:
    "Tu Luna en Acuario necesita espacio y sentirse parte de algo más grande. Sueles observar tus emociones antes de expresarlas, lo que te da calma en plena crisis. La amistad ocupa un lugar central en tu vida afectiva, y te sientes en casa entre personas que respetan tu independencia.",
  pisces:
    "Tu Luna en Piscis es tierna, intuitiva y muy receptiva. Captas los sentimientos de quienes te rodean como si fueran tuyos, así que la soledad, la música, el agua o un rato creativo y tranquilo son necesidades de verdad. Tu compasión es una fuerza, siempre que guardes un poco para ti.",
};

const ASCENDANT_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "El Ascendente en Aries te da un trato directo y enérgico. Quien te conoce ve a alguien listo para arrancar, franco y a menudo competitivo, que encara lo nuevo de frente. Aprendes haciendo, y tu primer impulso suele ser tomar la iniciativa.",
  taurus:
    "El Ascendente en Tauro te da una presencia tranquila y asentada. Los demás te encuentran reconfortante y sin prisas, y tú tanteas el terreno antes de comprometerte. Tu entorno físico y tu comodidad influyen en tu ánimo más de lo que imaginas.",
  gemini:
    "El Ascendente en Géminis te hace rápido, curioso y conversador en el primer encuentro. Te adaptas sin esfuerzo a gente y lugares nuevos, preguntas mucho y a menudo pareces más joven de lo que eres. Tu primera reacción ante la vida es querer saber más.",
  cancer:
    "El Ascendente en Cáncer te da un trato suave y protector. Lees el ambiente antes de entrar y tiendes a cuidar de la gente desde el primer momento. Bajo esa apariencia dulce eres prudente, y te abres cuando te sientes a salvo.",
  leo: "El Ascendente en Leo te da una presencia cálida y segura que la gente recuerda. Recibes la vida con estilo y sentido de la ocasión, y rindes al máximo cuando puedes liderar o actuar ante otros. Tu dignidad te importa, y el aliento despierta tu generosidad.",
  virgo:
    "El Ascendente en Virgo te da un aire modesto y atento. Te fijas en los detalles, llegas preparado y prefieres ser útil antes que llamar la atención. Analizas cada situación nueva, y no es raro que te pidan un consejo sensato.",
  libra:
    "El Ascendente en Libra te da encanto, tacto y buen gusto. Haces que la gente se sienta cómoda y te acercas al mundo a través de la colaboración. Te desagrada la aspereza y haces lo posible por mantener un ambiente amable.",
  scorpio:
    "El Ascendente en Escorpio te da una presencia reservada e intensa. Los demás perciben hondura y control, y tú calibras cada situación antes de mostrar gran cosa de ti. Eres muy celoso de tu intimidad y captas con agudeza las intenciones ajenas.",
  sagittarius:
    "El Ascendente en Sagitario te da un trato abierto y entusiasta. Vives la vida como una aventura, hablas con franqueza y haces amigos con facilidad en cualquier cultura. La inquietud forma parte de ti, y necesitas espacio para moverte.",
  capricorn:
    "El Ascendente en Capricornio da una primera impresión serena y seria. Abordas lo nuevo con cautela y con un plan, y la gente te ve capaz y maduro. Tu calidez aparece con el tiempo, y muchas personas con este ascendente parecen rejuvenecer con los años.",
  aquarius:
    "El Ascendente en Acuario te da un trato amable pero independiente. Transmites originalidad, cierta distancia e interés por las ideas, y tratas a todos como iguales sea cual sea su posición. Vives a tu manera y te resistes a que te encasillen.",
  pisces:
    "El Ascendente en Piscis te da una presencia suave y receptiva. Captas enseguida el clima de un lugar y te adaptas a quienes te rodean, a veces tanto que los demás ven en ti lo que desean ver. La imaginación y la bondad marcan tu manera de estar en el mundo.",
};

const POINT_NAMES: Readonly<Record<BodyId, string>> = {
  sun: "el Sol",
  moon: "la Luna",
  mercury: "Mercurio",
  venus: "Venus",
  mars: "Marte",
  jupiter: "Júpiter",
  saturn: "Saturno",
  uranus: "Urano",
  neptune: "Neptuno",
  pluto: "Plutón",
  meanNode: "el Nodo Norte",
  trueNode: "el Nodo Norte",
  lilith: "Lilith, la Luna Negra",
};

const ELEMENTS: Readonly<Record<Element, string>> = {
  fire: "fuego",
  earth: "tierra",
  air: "aire",
  water: "agua",
};
const MODALITIES: Readonly<Record<Modality, string>> = {
  cardinal: "cardinal",
  fixed: "fijo",
  mutable: "mutable",
};
const MODALITY_PLURAL: Readonly<Record<Modality, string>> = {
  cardinal: "cardinales",
  fixed: "fijos",
  mutable: "mutables",
};

/** "a" and "de" before a name: "al Sol", "del Sol", "a la Luna", "de Marte". */
const toName = (name: string) => (name.startsWith("el ") ? `al ${name.slice(3)}` : `a ${name}`);
const ofName = (name: string) => (name.startsWith("el ") ? `del ${name.slice(3)}` : `de ${name}`);

const ELEMENTS_WITH_ARTICLE: Readonly<Record<Element, string>> = {
  fire: "el fuego",
  earth: "la tierra",
  air: "el aire",
  water: "el agua",
};

const list = (items: readonly string[]) =>
  items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} ${/^h?i[^aeou]/i.test(items.at(-1)!) ? "e" : "y"} ${items.at(-1)}`;

const ORDINALS = [
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
const ordinal = (house: number) => ORDINALS[house - 1]!;

const ELEMENT_STRONG: Readonly<Record<Element, string>> = {
  fire: "Te mueven el entusiasmo, el coraje y las ganas de crear, y sueles fiarte de tu instinto y pasar a la acción.",
  earth:
    "Eres práctico, paciente y con los pies en la tierra, y confías en lo que se puede ver, construir y medir.",
  air: "Vives a través de las ideas, las palabras y las relaciones, y necesitas entender algo antes de quedarte tranquilo.",
  water:
    "Te guían el sentimiento, la intuición y el apego, y lees a las personas y los ambientes con una sensibilidad poco común.",
};

const MODALITY_STRONG: Readonly<Record<Modality, string>> = {
  cardinal:
    "eres de los que inician, brillas al comienzo de las cosas y respondes rápido ante lo nuevo.",
  fixed:
    "eres constante y leal, rindes al máximo cuando hay algo que llevar hasta el final, aunque te cuesta cambiar de rumbo.",
  mutable:
    "eres flexible y adaptable, te mueves bien en plena transformación, aunque comprometerte puede costarte.",
};
const MODALITY_ACTION: Readonly<Record<Modality, string>> = {
  cardinal: "poner las cosas en marcha",
  fixed: "sostenerlas hasta el final",
  mutable: "adaptarte cuando cambian",
};
const ASPECT_WORDS = {
  conjunction: "en conjunción con",
  sextile: "en sextil con",
  square: "en cuadratura con",
  trine: "en trígono con",
  opposition: "en oposición",
} as const;

/** The contractions Spanish makes obligatory: "a el" is "al", "de el" is "del". */
const contract = (text: string) => text.replace(/\ba el\b/g, "al").replace(/\bde el\b/g, "del");

export const ES: NatalTexts = {
  terse: {
    names: {
      sun: "Sol",
      moon: "Luna",
      mercury: "Mercurio",
      venus: "Venus",
      mars: "Marte",
      jupiter: "Júpiter",
      saturn: "Saturno",
      uranus: "Urano",
      neptune: "Neptuno",
      pluto: "Plutón",
      meanNode: "NodoMedio",
      trueNode: "NodoVerdadero",
      lilith: "Lilith",
      ascendant: "ASC",
      midheaven: "MC",
    },
    aspects: {
      conjunction: "conjunción",
      sextile: "sextil",
      square: "cuadratura",
      trine: "trígono",
      opposition: "oposición",
    },
    house: "casa",
    retrograde: "retrógrado",
    direct: "directo",
  },
  finish: contract,
  titles: {
    overview: "Panorama general",
    sun: "El Sol: identidad y propósito",
    moon: "La Luna: emociones y necesidades",
    ascendant: "El Ascendente: tu manera de presentarte",
    planets: "Los planetas en signos y casas",
    aspects: "Aspectos principales",
    balance: "Elementos y modalidades",
  },
  signs: SIGNS,
  sunInSign: SUN_IN_SIGN,
  moonInSign: MOON_IN_SIGN,
  ascendantInSign: ASCENDANT_IN_SIGN,
  pointNames: POINT_NAMES,
  pointThemes: {
    sun: ["tu sentido de ti mismo", "tu identidad profunda"],
    moon: ["tu mundo emocional", "tu sensibilidad"],
    mercury: ["tu manera de pensar", "tu forma de comunicar"],
    venus: ["tu afecto", "lo que amas y valoras"],
    mars: ["tu empuje", "tu impulso de actuar"],
    jupiter: ["tu optimismo", "tu deseo de crecer"],
    saturn: ["tu sentido del deber", "tu necesidad de estructura"],
    uranus: ["tu necesidad de libertad", "tu vena independiente"],
    neptune: ["tu imaginación", "tu anhelo de lo ideal"],
    pluto: ["tu voluntad de transformación", "tu intensidad más honda"],
    meanNode: ["tu camino de crecimiento", "la dirección en que creces"],
    trueNode: ["tu camino de crecimiento", "la dirección en que creces"],
    lilith: ["tu lado indómito", "lo indomable en ti"],
  },
  elements: ELEMENTS,
  modalities: MODALITIES,
  list,
  overview: {
    keys: ({ sun, moon, rising }) => {
      const keys: string[] = [];
      if (sun) keys.push(`el Sol en ${SIGNS[sun].name}`);
      if (moon) keys.push(`la Luna en ${SIGNS[moon].name}`);
      if (rising) keys.push(`el Ascendente en ${SIGNS[rising].name}`);
      return `Las claves principales de esta carta son ${list(keys)}.`;
    },
    leadingElement: (e) =>
      `${capitalize(ELEMENTS_WITH_ARTICLE[e])} es el elemento dominante y tiñe todo lo que sigue.`,
    sharedElements: (es) =>
      `Ningún elemento domina por sí solo: ${list(es.map((e) => ELEMENTS[e]))} están empatados, y la carta alterna entre sus estilos.`,
    stellium: (planets, _sign, t) => {
      const names = capitalize(list(planets.map((p) => POINT_NAMES[p])));
      return [
        `${names} se reúnen en ${t.sign}. Un grupo así, un stellium, concentra mucha energía al estilo de ese signo: ${t.style}.`,
        `${names} se agolpan en ${t.sign}, y ese stellium convierte la necesidad del signo, ${t.need}, en un tema central de tu vida.`,
      ];
    },
    stelliumFallback: (planets, sign) =>
      `Stellium en ${SIGNS[sign].name}: ${list(planets.map((p) => POINT_NAMES[p]))}.`,
    timeUnknown:
      "No se conoce la hora de nacimiento, así que quedan fuera el signo ascendente, las casas y los ángulos.",
    moonNearEdge: (sign) =>
      `La Luna avanza unos 13° al día y está cerca del borde de ${SIGNS[sign].name}, de modo que a la hora real del nacimiento podría haber estado en el signo vecino.`,
  },
  midheaven: (t) => [
    `El Medio Cielo en ${t.sign} habla de tu rumbo público: persigues tu vocación ${t.style}, y tu reputación crece gracias a ${t.gift}.`,
    `Con el Medio Cielo en ${t.sign}, el mundo te conoce por ${t.gift}; tu carrera te pide trabajar ${t.style}.`,
  ],
  midheavenFallback: (sign) => `Medio Cielo en ${SIGNS[sign].name}.`,
  planetInSign: {
    mercury: [
      (s) =>
        `Mercurio en ${s.sign} da forma a tu manera de pensar y de hablar. Tu mente funciona ${s.style}, y aportas ${s.gift} a las conversaciones y a las decisiones. El hábito que conviene vigilar es ${s.shadow}.`,
      (s) =>
        `Con Mercurio en ${s.sign} aprendes y te expresas ${s.style}. Piensas mejor cuando tienes ${s.need}; la gente nota ${s.gift} en cómo explicas las cosas, mientras que ${s.shadow} puede hacerte tropezar.`,
    ],
    venus: [
      (s) =>
        `Venus en ${s.sign} describe cómo amas y qué valoras. En pareja te mueves ${s.style}, y ofreces ${s.gift}. Eres más feliz con ${s.need}, aunque ${s.shadow} puede interponerse en la intimidad.`,
      (s) =>
        `Con Venus en ${s.sign} das cariño ${s.style}. Te atrae ${s.need}, y lo que llevas a una relación es ${s.gift}; la lección amorosa consiste en estar atento a ${s.shadow}.`,
    ],
    mars: [
      (s) =>
        `Marte en ${s.sign} muestra cómo actúas y te afirmas. Vas a por lo que quieres ${s.style}, apoyándote en ${s.gift}. Bajo presión, cuidado con ${s.shadow}.`,
      (s) =>
        `Con Marte en ${s.sign} tu energía despierta ante ${s.need}, y sueles librar tus batallas ${s.style}. Tu impulso lleva consigo ${s.gift}; el enfado, cuando llega, suele tomar la forma de ${s.shadow}.`,
    ],
    jupiter: [
      (s) =>
        `Júpiter en ${s.sign} señala dónde encuentras fe y margen para crecer. Las oportunidades llegan cuando actúas ${s.style}, y puedes contar con ${s.gift}. El exceso, aquí, se parece a ${s.shadow}.`,
      (s) =>
        `Con Júpiter en ${s.sign} tu optimismo brota de ${s.need}. Amplías tu mundo ${s.style}, y la vida suele premiar ${s.gift}; pasarte de la raya se nota en ${s.shadow}.`,
    ],
    saturn: [
      (s) =>
        `Saturno en ${s.sign} marca dónde la vida te pide paciencia y estructura. Estás aprendiendo a asumir responsabilidades ${s.style}; al principio puede sentirse como ${s.shadow}, pero con el tiempo madura en ${s.gift}.`,
      (s) =>
        `Con Saturno en ${s.sign} tus lecciones más duras tienen que ver con ${s.need}. Aquí el miedo puede adoptar la forma de ${s.shadow}, pero la disciplina que forjas, trabajando ${s.style}, se convierte con los años en ${s.gift}.`,
    ],
    uranus: [
      (s) =>
        `Urano en ${s.sign} lo comparten todos los nacidos en varios años a tu alrededor, y describe cómo rompe tu generación con el pasado. Tiendes a rebelarte e innovar ${s.style}, y valoras ${s.gift}.`,
      (s) =>
        `Con Urano en ${s.sign}, una posición que comparte toda tu generación, los cambios bruscos llegan en torno a ${s.need}. Tu vena independiente se expresa ${s.style}, y en su mejor versión trae ${s.gift}.`,
    ],
    neptune: [
      (s) =>
        `Neptuno en ${s.sign}, otra posición generacional, tiñe los ideales y los sueños que compartes con tus contemporáneos. La inspiración te llega a través de ${s.need}, y puede diluirse en ${s.shadow} cuando la realidad decepciona.`,
      (s) =>
        `Con Neptuno en ${s.sign} tu generación anhela ${s.need}. Tu imaginación trabaja ${s.style}, y su expresión más fina es ${s.gift}; su niebla, ${s.shadow}.`,
    ],
    pluto: [
      (s) =>
        `Plutón en ${s.sign} describe las transformaciones profundas que vive tu generación. El poder y la renovación te llegan ${s.style}, y lo que ganas con ello, ${s.gift}, se afianza cada vez que miras de frente ${s.shadow}.`,
      (s) =>
        `Con Plutón en ${s.sign}, una posición lenta y generacional, aquello que no puedes soltar tiene que ver con ${s.need}. Las crisis te empujan a cambiar ${s.style}, y te dejan ${s.gift}.`,
    ],
  },
  planetInSignFallback: (planet, sign) =>
    `${capitalize(POINT_NAMES[planet])} en ${SIGNS[sign].name}.`,
  ascendantFallback: (sign) => `Ascendente en ${SIGNS[sign].name}.`,
  houseAreas: [
    ["tu imagen y tu estilo", "tu forma de arrancar"],
    ["el dinero y la autoestima", "lo que ganas y posees"],
    ["el estudio y lo cotidiano", "hermanos, vecinos y trayectos cortos"],
    ["el hogar y la familia", "tus raíces"],
    ["el amor y el juego", "el placer de crear"],
    ["el trabajo y la salud", "las rutinas y el servicio"],
    ["la pareja y el matrimonio", "tus compromisos personales"],
    ["la intimidad y lo compartido", "la confianza y las crisis"],
    ["los viajes y las creencias", "los horizontes lejanos"],
    ["la carrera y la reputación", "tu vocación pública"],
    ["los amigos y los grupos", "tus aliados y tus anhelos"],
    ["la soledad y el inconsciente", "el retiro y los sueños"],
  ],
  planetInHouse: {
    sun: (h, a) =>
      `El Sol en la ${ordinal(h)} casa pone tu sentido de propósito en ${a}. Es donde más quieres brillar, y donde el esfuerzo te devuelve confianza.`,
    moon: (h, a) =>
      `Con la Luna en la ${ordinal(h)} casa, tu seguridad emocional está ligada a ${a}. Tu ánimo sube y baja con lo que ocurre aquí, y es donde buscas consuelo casi sin pensarlo.`,
    mercury: (h, a) =>
      `En la ${ordinal(h)} casa, Mercurio dirige tu curiosidad hacia ${a}, y piensas, lees y hablas mucho de estos asuntos.`,
    venus: (h, a) =>
      `Situada en la ${ordinal(h)} casa, Venus aporta facilidad y placer a ${a}; aquí despliegas tu encanto y aquí suelen llegarte cosas buenas.`,
    mars: (h, a) =>
      `En la ${ordinal(h)} casa, Marte concentra tu empuje en ${a}. Aquí peleas con fuerza por lo que quieres, a veces demasiada, y aquí consigues que las cosas pasen.`,
    jupiter: (h, a) =>
      `El lugar de Júpiter en la ${ordinal(h)} casa expande ${a}: el crecimiento y la buena suerte suelen llegar por esta vía, siempre que no te excedas.`,
    saturn: (h, a) =>
      `Desde la ${ordinal(h)} casa, Saturno te pide paciencia con ${a}. Las dificultades tempranas se convierten aquí en una fortaleza duradera, y aquí te ganas una autoridad real.`,
    uranus: (h, a) =>
      `En lo personal, Urano actúa desde la ${ordinal(h)} casa y trae sorpresas y necesidad de libertad a ${a}; espera lo poco convencional, y espera cambiar de opinión.`,
    neptune: (h, a) =>
      `En tu propia vida, Neptuno ocupa la ${ordinal(h)} casa y añade idealismo y algo de niebla a ${a}. La intuición es buena guía aquí, pero conviene comprobar los hechos.`,
    pluto: (h, a) =>
      `Su terreno personal es la ${ordinal(h)} casa, que hace de ${a} un lugar de cambio profundo: pueden surgir luchas de poder, y también una renovación honda.`,
  },
  planetInHouseFallback: (planet: PlanetId, house) =>
    `${capitalize(POINT_NAMES[planet])}: casa ${house}.`,
  retrograde: [
    (p) =>
      `${capitalize(p)} estaba retrógrado cuando naciste, lo que vuelve su energía hacia dentro: sus temas maduran despacio y en privado antes de mostrarse.`,
    (p) =>
      `Al estar retrógrado en tu nacimiento, ${p} tiende a trabajar repasando y reflexionando, volviendo sobre viejas preguntas hasta zanjarlas de verdad.`,
    (p) =>
      `Su movimiento retrógrado al nacer sugiere que reelaboras las lecciones ${ofName(p)} a tu manera en lugar de darlas por sentadas.`,
    (p) => `Retrógrado al nacer, ${p} madura tarde, pero lo que te enseña acaba siendo tuyo.`,
    (p) =>
      `Como ${p} retrocedía cuando naciste, vuelves sobre sus temas y encuentras en ellos tus respuestas la segunda vez.`,
    (p) =>
      `Con ${p} retrógrado, las dudas y el ensayo en privado llegan antes que su expresión hacia fuera.`,
  ],
  retrogradeFallback: (planet) => `${capitalize(POINT_NAMES[planet])} estaba retrógrado.`,
  aspects: {
    conjunction: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} en conjunción con ${s.b} (orbe ${s.orb}) funde ${s.themeA} con ${s.themeB}.`,
        (s) =>
          `${capitalize(s.a)} y ${s.b} se encuentran (orbe ${s.orb}) y unen ${s.themeA} y ${s.themeB}.`,
        (s) =>
          `En conjunción (orbe ${s.orb}), ${s.a} ata ${s.themeA} a ${s.themeB}, el terreno ${ofName(s.b)}.`,
        (s) =>
          `${capitalize(s.themeA)} y ${s.themeB} van juntos: ${s.a} se une ${toName(s.b)} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Los dos actúan como uno, para bien y para mal, y no puedes expresar uno sin remover el otro.",
        "Juntos forman una sola fuerza concentrada que marca el tono de la carta.",
        "Aprender dónde termina uno y empieza el otro forma parte de tu tarea.",
        "Un encuentro así intensifica a ambos planetas: lo que hace uno, el otro lo secunda.",
      ],
    },
    sextile: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} en sextil con ${s.b} (orbe ${s.orb}) hace colaborar a ${s.themeA} y ${s.themeB}.`,
        (s) =>
          `Un sextil entre ${s.a} y ${s.b} (orbe ${s.orb}) enlaza ${s.themeA} con ${s.themeB}.`,
        (s) => `Gracias a un sextil (orbe ${s.orb}), ${s.a} presta ${s.themeA} a ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} y ${s.themeB} se llevan bien: ${s.a} forma sextil con ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Es una puerta abierta más que una garantía: con un poco de esfuerzo, los dos se combinan de forma fructífera.",
        "Las oportunidades que ofrece te recompensan cuando actúas sobre ellas.",
        "Las pequeñas iniciativas que combinan ambos suelen dar fruto.",
        "Piensa en ello como una presentación amistosa a la que aún debes dar seguimiento.",
      ],
    },
    square: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} en cuadratura con ${s.b} (orbe ${s.orb}) enfrenta ${s.themeA} a ${s.themeB}.`,
        (s) =>
          `Con ${s.a} en cuadratura con ${s.b} (orbe ${s.orb}), ${s.themeA} y ${s.themeB} tiran en direcciones distintas.`,
        (s) =>
          `Una cuadratura (orbe ${s.orb}) pone ${s.themeA}, a través ${ofName(s.a)}, en choque con ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} roza con ${s.themeB}: ${s.a} forma cuadratura con ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "La fricción puede resultar incómoda, pero también es un motor que te empuja a actuar y, con el tiempo, a desarrollar una habilidad real.",
        "Aprender a dar a cada uno su turno convierte una tensión recurrente en fortaleza.",
        "Cada vez que uno avanza, el otro protesta, y los acuerdos que encuentras se vuelven tu oficio.",
        "Una tensión así rara vez desaparece; se vuelve útil cuando dejas de pelearte con ella.",
      ],
    },
    trine: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} en trígono con ${s.b} (orbe ${s.orb}) deja fluir ${s.themeA} hacia ${s.themeB}.`,
        (s) =>
          `Un trígono ${ofName(s.a)} ${toName(s.b)} (orbe ${s.orb}) armoniza ${s.themeA} y ${s.themeB}.`,
        (s) =>
          `Gracias a un trígono (orbe ${s.orb}), ${s.themeA} sostiene ${s.themeB}, y ${s.a} ayuda ${toName(s.b)}.`,
        (s) =>
          `${capitalize(s.themeA)} y ${s.themeB} se entienden sin esfuerzo: ${s.a} forma trígono con ${s.b} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Es un talento natural, tan fácil que puedes darlo por hecho si no lo pones a trabajar.",
        "Lo que comparten te llega sin esfuerzo y merece que lo cultives a propósito.",
        "El don crece cuando lo usas de forma deliberada.",
        "Esta facilidad es un recurso: apóyate en ella cuando otras partes de la carta pesen.",
      ],
    },
    opposition: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} en oposición ${toName(s.b)} (orbe ${s.orb}) sube ${s.themeA} y ${s.themeB} a un balancín.`,
        (s) =>
          `Con ${s.a} frente ${toName(s.b)} (orbe ${s.orb}), ${s.themeA} se mide con ${s.themeB}.`,
        (s) =>
          `Una oposición (orbe ${s.orb}) te pide sostener a la vez ${s.themeA} y ${s.themeB}, ${s.a} frente ${toName(s.b)}.`,
        (s) =>
          `${capitalize(s.themeA)} y ${s.themeB} se miran de frente: ${s.a} se opone ${toName(s.b)} (orbe ${s.orb}).`,
      ],
      meanings: [
        "Puedes oscilar entre ambos, o encontrar uno de los lados en otras personas, hasta dar con un equilibrio que respete a los dos.",
        "Las relaciones suelen sacar a la luz esta polaridad, y ser consciente de ella te da perspectiva.",
        "Los demás suelen reflejarte el lado que descuidas.",
        "La salida rara vez es elegir un bando; se trata de dar a cada uno su temporada.",
      ],
    },
  },
  aspectFallback: (a, type, b, orb) =>
    `${capitalize(POINT_NAMES[a])} ${ASPECT_WORDS[type]} ${type === "opposition" ? toName(POINT_NAMES[b]) : POINT_NAMES[b]}, orbe ${orb}.`,
  pairNotes: {
    personal: [
      "Los dos son planetas personales, así que se nota con claridad en la vida cotidiana.",
      "Al tratarse de dos planetas personales, lo notarás en el día a día.",
      "Intervienen dos planetas personales, y eso hace que el tema sea fácil de reconocer.",
    ],
    personalOuter: [
      "Como un planeta lento toca a uno personal, el tema se vive en primera persona y vuelve en los momentos decisivos.",
      "Un planeta exterior que toca a uno personal convierte esto en un tema de toda la vida, reavivado en cada encrucijada.",
      "Aquí un planeta generacional se cruza con uno personal, así que el tema se siente más grande que tú y sigue regresando.",
    ],
    outer: [
      "Los dos planetas se mueven despacio, así que es más una marca de tu generación que tuya en particular.",
      "Dos planetas lentos forman este aspecto, que comparte toda tu generación.",
      "Tus contemporáneos también llevan este aspecto: ambos planetas avanzan despacio.",
    ],
  },
  balance: {
    elementLead: (e, count, total) =>
      `${capitalize(ELEMENTS_WITH_ARTICLE[e])} es tu elemento más fuerte, con ${count} de los ${total} puntos contados. ${ELEMENT_STRONG[e]}`,
    elementTie: (es, count, total) =>
      `${capitalize(list(es.map((e) => ELEMENTS[e])))} comparten el primer puesto, con ${count} de los ${total} puntos cada uno. ${es.map((e) => ELEMENT_STRONG[e]).join(" ")}`,
    countFallback: (name, count, total) => `${capitalize(name)}: ${count} de ${total}.`,
    elementWeak: (e) =>
      ({
        fire: "El fuego escasea en tu carta, así que el entusiasmo y la autoafirmación pueden necesitar un empujón consciente; el ejercicio, el juego y los pequeños pasos audaces ayudan.",
        earth:
          "Con poca tierra, las rutinas, el dinero y el cuerpo pueden pedir una atención deliberada; las estructuras sencillas hacen utilizables tus otros dones.",
        air: "El aire anda escaso aquí: tomar distancia para ver una situación con objetividad, y poner los sentimientos en palabras, puede requerir práctica.",
        water:
          "Una carta con poca agua analiza los sentimientos con más facilidad de la que los siente; el tiempo con gente de confianza ayuda a que afloren.",
      })[e],
    modalityLead: (m, count, total) =>
      `Predominan en tu carta los signos ${MODALITY_PLURAL[m]} (${count} de ${total}): ${MODALITY_STRONG[m]}`,
    modalityTie: (ms, count, total) =>
      `Los signos ${list(ms.map((m) => MODALITY_PLURAL[m]))} están empatados, con ${count} de ${total} cada uno: das lo mejor de ti al ${list(ms.map((m) => MODALITY_ACTION[m]))}, y pasas de un modo a otro según lo pida la situación.`,
  },
};
