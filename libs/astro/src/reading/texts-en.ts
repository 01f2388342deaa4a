import type { BodyId, PlanetId } from "../body-ids.js";
import type { Element, Modality, Sign } from "../zodiac.js";
import { capitalize, type NatalTexts, type SignTraits } from "./language.js";

// Each phrase is at most five words, so that it can recur (several planets in one sign)
// without making a six-word run repeat.
const SIGNS: Readonly<Record<Sign, SignTraits>> = {
  aries: {
    name: "Aries",
    styles: ["boldly and on impulse", "with quick, competitive fire"],
    need: "a challenge worth rising to",
    gifts: ["the courage to begin", "directness that cuts through"],
    shadows: ["impatience with slower people", "a temper that flares"],
  },
  taurus: {
    name: "Taurus",
    styles: ["steadily and patiently", "slowly, sensually, for keeps"],
    need: "security and time to decide",
    gifts: ["staying power and common sense", "a calm, reliable touch"],
    shadows: ["stubbornness once decided", "clinging to the outgrown"],
  },
  gemini: {
    name: "Gemini",
    styles: ["quickly, lightly, full of questions", "through talk, wit and movement"],
    need: "variety and good conversation",
    gifts: ["wit and quick connections", "a lively, inventive mind"],
    shadows: ["scattered energy", "restlessness with routine"],
  },
  cancer: {
    name: "Cancer",
    styles: ["protectively and by instinct", "tenderly, led by mood"],
    need: "emotional safety and belonging",
    gifts: ["a caring memory", "loyal, protective instincts"],
    shadows: ["retreating into your shell", "taking things too personally"],
  },
  leo: {
    name: "Leo",
    styles: ["warmly, proudly, with flair", "generously and in full view"],
    need: "appreciation and room to shine",
    gifts: ["generosity and natural confidence", "warmth that encourages others"],
    shadows: ["needing an audience", "pride that cannot back down"],
  },
  virgo: {
    name: "Virgo",
    styles: ["carefully, eyeing every detail", "methodically, step by useful step"],
    need: "useful work and order",
    gifts: ["precision and practical help", "a discerning, improving eye"],
    shadows: ["worry and self-criticism", "losing the whole in details"],
  },
  libra: {
    name: "Libra",
    styles: ["diplomatically and with grace", "fairly, weighing every side"],
    need: "harmony and a true partner",
    gifts: ["tact and fine balance", "charm that brings people together"],
    shadows: ["indecision", "peace at your own expense"],
  },
  scorpio: {
    name: "Scorpio",
    styles: ["intensely and with total commitment", "quietly, with depth and resolve"],
    need: "depth, trust and honesty",
    gifts: ["penetrating insight", "resilience through any crisis"],
    shadows: ["jealousy and extremes", "secrecy that isolates"],
  },
  sagittarius: {
    name: "Sagittarius",
    styles: ["enthusiastically, eyes on the horizon", "freely and frankly"],
    need: "freedom and meaning",
    gifts: ["optimism and a generous outlook", "honesty and adventurousness"],
    shadows: ["promising too much", "bluntness ahead of tact"],
  },
  capricorn: {
    name: "Capricorn",
    styles: ["patiently and with self-discipline", "soberly, playing the long game"],
    need: "a goal worth the climb",
    gifts: ["ambition with staying power", "a realistic grasp of things"],
    shadows: ["rigidity and fear of failing", "worth measured by achievement"],
  },
  aquarius: {
    name: "Aquarius",
    styles: ["independently, against the grain", "coolly and on principle"],
    need: "freedom to think differently",
    gifts: ["an original, far-sighted mind", "loyalty to friends and ideals"],
    shadows: ["detachment that seems cold", "contrariness for its own sake"],
  },
  pisces: {
    name: "Pisces",
    styles: ["intuitively and gently", "softly, by feel, not plan"],
    need: "quiet, inspiration and connection",
    gifts: ["compassion and rich imagination", "a sense for the unsaid"],
    shadows: ["drifting from hard decisions", "absorbing others' troubles"],
  },
};

const SUN_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "With the Sun in Aries you come alive when there is something to start. You would rather act and correct course than wait for a perfect plan, and people notice the energy you bring into a room. Your growth lies in learning that finishing can be as satisfying as beginning, and that not every delay is an obstacle to charge at.",
  taurus:
    "With the Sun in Taurus you build your life steadily and for the long run. You trust what you can touch, taste and count, and you rarely commit until you are sure, after which you are remarkably loyal. Your growth lies in letting change in before it has to force its way, because comfort can quietly harden into a rut.",
  gemini:
    "With the Sun in Gemini you are fed by ideas, conversation and variety. You notice connections other people miss and can talk your way into almost any world, which makes you a natural go-between. Your growth lies in staying with one thread long enough to see where it leads, rather than letting curiosity scatter your attention.",
  cancer:
    "With the Sun in Cancer you lead with care. Home, family and the people you call your own are where your strength comes from, and you protect them fiercely. Your feelings are a reliable compass, even when you hide them behind a cautious shell. Your growth lies in receiving the kind of care you give so freely.",
  leo: "With the Sun in Leo you are meant to be seen. Warmth, generosity and a sense of occasion come naturally, and you lift people simply by taking part wholeheartedly. Creative work and play matter more to you than most people admit about themselves. Your growth lies in shining without needing the applause to prove that you count.",
  virgo:
    "With the Sun in Virgo you find meaning in doing things well. You see what could be improved, where a process is leaking and how to help in practical ways, and you quietly hold a lot together. Your growth lies in turning that discerning eye on yourself gently, accepting that good enough is sometimes exactly right.",
  libra:
    "With the Sun in Libra you are at your best in relationship. You weigh both sides, sense what would make a situation fair and bring grace to the way people deal with one another. Beauty and balance are real needs for you, not luxuries. Your growth lies in naming your own preference even when it might disturb the peace.",
  scorpio:
    "With the Sun in Scorpio you live intensely and look beneath the surface. Half-measures do not interest you; you want the truth of a person or a situation, and you have the stamina to stay through a crisis. Your growth lies in trusting enough to let others see you, and in letting go of what has already ended.",
  sagittarius:
    "With the Sun in Sagittarius you are driven by a search for meaning and wider horizons. Travel, study and big conversations about how life works keep you alert, and your optimism is contagious. You say what you think, sometimes before you have thought it through. Your growth lies in bringing your vision down to the next concrete step.",
  capricorn:
    "With the Sun in Capricorn you take the long view and take responsibility. You are willing to climb slowly towards something that matters, and people learn they can rely on you. A dry humour often hides how much you care. Your growth lies in allowing yourself rest and pleasure before every goal has been reached.",
  aquarius:
    "With the Sun in Aquarius you think for yourself and care about the wider group. You are drawn to new ideas, fairer systems and friendships of equals, and you are rarely impressed by tradition for its own sake. Your growth lies in letting your warmth show as clearly as your principles, so that people feel close to you and not only respected.",
  pisces:
    "With the Sun in Pisces you are sensitive to moods, images and the unspoken. Compassion comes easily, and imagination, music or spiritual practice can become lifelines. You absorb the atmosphere around you more than you realise. Your growth lies in building gentle boundaries, so that your openness stays a gift rather than a drain.",
};

const MOON_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Your Moon in Aries makes your feelings quick and honest. You react first and reflect later, and anger flares and fades fast. You feel safest when you can do something about a problem, so inactivity is harder on you than conflict. Physical exercise is one of the best ways to settle your mood.",
  taurus:
    "Your Moon in Taurus gives you a deep need for security and calm. Familiar routines, good food, comfortable surroundings and people who stay the same settle you. Once upset you can take a while to come round, but your emotional loyalty is unusually steady.",
  gemini:
    "Your Moon in Gemini means you process feelings by talking and thinking them through. You need mental company and a little variety every day; boredom unsettles you more than drama does. Writing things down or phoning a friend can restore your balance quickly.",
  cancer:
    "Your Moon in Cancer is at home: your emotions run deep, your memory for feelings is long, and you are tuned to the needs of the people close to you. A secure base, whether a home, a family or a circle of trusted friends, is essential to your well-being.",
  leo: "Your Moon in Leo needs warmth, appreciation and a chance to express itself. You feel good when you are loved openly and when you can be generous in return. Being overlooked hurts more than you usually show, and a little recognition goes a long way with you.",
  virgo:
    "Your Moon in Virgo finds comfort in order and usefulness. You calm down by tidying, planning or helping, and you show love through practical care. Worry can build when things feel out of control, so simple routines and kindness towards your own imperfections help a great deal.",
  libra:
    "Your Moon in Libra needs harmony and company. You feel most at ease in pleasant surroundings and in relationships where give and take is fair. Conflict unsettles you deeply, and you may smooth things over too quickly; saying what you feel is what actually brings you peace.",
  scorpio:
    "Your Moon in Scorpio feels everything intensely and keeps much of it private. You need emotional honesty and complete trust before you open up, and you sense hidden undercurrents with uncanny accuracy. Letting go of old hurts is your hardest and most healing work.",
  sagittarius:
    "Your Moon in Sagittarius needs freedom, movement and something to look forward to. You lift your own mood with humour, plans and fresh experiences, and you feel hemmed in by too much emotional heaviness. Time outdoors or on the road restores you.",
  capricorn:
    "Your Moon in Capricorn keeps feelings contained and dependable. You feel secure when life is under control and you are meeting your responsibilities, and you may have grown up fast. Allowing yourself to need others, and to be looked after now and then, softens a habit of self-reliance.",
  aquarius:
    "Your Moon in Aquarius needs space and a sense of belonging to something larger than yourself. You tend to observe your feelings before you express them, which gives you calm in a crisis. Friendship is emotionally central for you, and you feel most at home among people who accept your independence.",
  pisces:
    "Your Moon in Pisces is tender, intuitive and highly receptive. You pick up the feelings of people around you as if they were your own, so solitude, music, water or quiet creative time are genuine necessities. Your compassion is a strength, as long as you remember to save some of it for yourself.",
};

const ASCENDANT_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Aries rising gives you a direct, energetic manner. People meet someone who is ready to go, frank and often competitive, and you tend to meet new situations head on. You learn by doing, and your first instinct is usually to take the initiative.",
  taurus:
    "Taurus rising gives you a calm, grounded presence. Others find you reassuring and unhurried, and you approach new situations carefully, testing the ground before you commit. Your physical surroundings and comfort shape your mood more than you might expect.",
  gemini:
    "Gemini rising makes you quick, curious and talkative on first meeting. You adapt easily to new people and places, ask a lot of questions and often seem younger than your years. Your first response to life is to find out more about it.",
  cancer:
    "Cancer rising gives you a gentle, protective manner. You read a room before you step into it and tend to care for people from the moment you meet them. Beneath a soft exterior you are cautious, and you open up once you feel safe.",
  leo: "Leo rising gives you a warm, confident presence that people remember. You meet life with a sense of style and occasion, and you are at your best when you can lead or perform. Your dignity matters to you, and encouragement brings out your generosity.",
  virgo:
    "Virgo rising gives you a modest, attentive manner. You notice details, arrive prepared and prefer to be useful rather than conspicuous. New situations are something you analyse first, and people often come to you for sensible advice.",
  libra:
    "Libra rising gives you charm, tact and an eye for beauty. You put people at ease and tend to meet the world through partnership and cooperation. You dislike harshness and will go a long way to keep the atmosphere pleasant.",
  scorpio:
    "Scorpio rising gives you a reserved, intense presence. People sense depth and control, and you size up a situation before revealing much of yourself. You are strongly private and unusually perceptive about other people's motives.",
  sagittarius:
    "Sagittarius rising gives you an open, enthusiastic manner. You meet life as an adventure, speak frankly and make friends easily across cultures and backgrounds. Restlessness is part of your make-up, and you need room to roam.",
  capricorn:
    "Capricorn rising gives you a composed, serious first impression. You approach new situations with caution and a plan, and people tend to see you as capable and mature. Your warmth comes out over time, and many people with this rising sign seem to grow younger with age.",
  aquarius:
    "Aquarius rising gives you a friendly but independent manner. You come across as original, a little detached and interested in ideas, and you treat people as equals whatever their status. You meet life on your own terms and resist being put in a box.",
  pisces:
    "Pisces rising gives you a soft, receptive presence. You take in the mood of a place quickly and adapt to the people around you, sometimes so much that others see in you what they hope to see. Imagination and kindness shape the way you meet the world.",
};

const POINT_NAMES: Readonly<Record<BodyId, string>> = {
  sun: "the Sun",
  moon: "the Moon",
  mercury: "Mercury",
  venus: "Venus",
  mars: "Mars",
  jupiter: "Jupiter",
  saturn: "Saturn",
  uranus: "Uranus",
  neptune: "Neptune",
  pluto: "Pluto",
  meanNode: "the North Node",
  trueNode: "the North Node",
  lilith: "Black Moon Lilith",
};

const ELEMENTS: Readonly<Record<Element, string>> = {
  fire: "fire",
  earth: "earth",
  air: "air",
  water: "water",
};
const MODALITIES: Readonly<Record<Modality, string>> = {
  cardinal: "cardinal",
  fixed: "fixed",
  mutable: "mutable",
};

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

const ORDINALS = [
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
const ordinal = (house: number) => ORDINALS[house - 1]!;

const ELEMENT_STRONG: Readonly<Record<Element, string>> = {
  fire: "You are moved by enthusiasm, courage and the urge to create, and you tend to trust your instincts and act on them.",
  earth:
    "You are practical, patient and grounded, and you trust what can be seen, built and measured.",
  air: "You live through ideas, words and relationships, and you need to understand a thing before you feel settled about it.",
  water:
    "Feeling, intuition and attachment guide you, and you read people and atmospheres with unusual sensitivity.",
};

const MODALITY_STRONG: Readonly<Record<Modality, string>> = {
  cardinal:
    "you are an initiator, strongest at the start of things and quick to answer a new situation.",
  fixed:
    "you are persistent and loyal, strongest when there is something to see through, though slow to change course.",
  mutable:
    "you are flexible and adaptable, strongest in the middle of change, though commitment can come hard.",
};
const MODALITY_ACTION: Readonly<Record<Modality, string>> = {
  cardinal: "starting things",
  fixed: "seeing them through",
  mutable: "adapting as they change",
};
const ASPECT_WORDS = {
  conjunction: "conjunct",
  sextile: "sextile",
  square: "square",
  trine: "trine",
  opposition: "opposite",
} as const;

export const EN: NatalTexts = {
  terse: {
    names: {
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
      meanNode: "MeanNode",
      trueNode: "TrueNode",
      lilith: "Lilith",
      ascendant: "ASC",
      midheaven: "MC",
    },
    aspects: {
      conjunction: "conjunct",
      sextile: "sextile",
      square: "square",
      trine: "trine",
      opposition: "opposite",
    },
    house: "house",
    retrograde: "retrograde",
    direct: "direct",
  },
  finish: (text) => text,
  titles: {
    overview: "Overview",
    sun: "The Sun: identity and purpose",
    moon: "The Moon: feelings and needs",
    ascendant: "The Ascendant: manner and approach",
    planets: "The planets in signs and houses",
    aspects: "Major aspects",
    balance: "Elements and modalities",
  },
  signs: SIGNS,
  sunInSign: SUN_IN_SIGN,
  moonInSign: MOON_IN_SIGN,
  ascendantInSign: ASCENDANT_IN_SIGN,
  pointNames: POINT_NAMES,
  pointThemes: {
    sun: ["your sense of self", "your core identity"],
    moon: ["your emotional life", "your instinctive self"],
    mercury: ["your thinking", "the way you communicate"],
    venus: ["your affection", "what you love and value"],
    mars: ["your drive", "your will to act"],
    jupiter: ["your optimism", "your urge to grow"],
    saturn: ["your sense of duty", "your need for structure"],
    uranus: ["your need for freedom", "your independent streak"],
    neptune: ["your imagination", "your longing for the ideal"],
    pluto: ["your will to transform", "your deepest intensity"],
    meanNode: ["your path of growth", "the direction you grow in"],
    trueNode: ["your path of growth", "the direction you grow in"],
    lilith: ["your untamed side", "what will not be tamed"],
  },
  elements: ELEMENTS,
  modalities: MODALITIES,
  list,
  overview: {
    keys: ({ sun, moon, rising }) => {
      const keys: string[] = [];
      if (sun) keys.push(`the Sun in ${SIGNS[sun].name}`);
      if (moon) keys.push(`the Moon in ${SIGNS[moon].name}`);
      if (rising) keys.push(`${SIGNS[rising].name} rising`);
      return `The main keys to this chart are ${list(keys)}.`;
    },
    leadingElement: (e) =>
      `${capitalize(ELEMENTS[e])} is the leading element, which colours everything that follows.`,
    sharedElements: (es) =>
      `No single element leads: ${list(es.map((e) => ELEMENTS[e]))} are tied, and the chart moves between their styles.`,
    stellium: (planets, _sign, t) => {
      const names = capitalize(list(planets.map((p) => POINT_NAMES[p])));
      return [
        `${names} gather in ${t.sign}. A cluster like this, a stellium, concentrates a great deal of energy in that sign's style: ${t.style}.`,
        `${names} crowd together in ${t.sign}, a stellium that makes this sign's need for ${t.need} a central theme of your life.`,
      ];
    },
    stelliumFallback: (planets, sign) =>
      `Stellium in ${SIGNS[sign].name}: ${list(planets.map((p) => POINT_NAMES[p]))}.`,
    timeUnknown:
      "The birth time is unknown, so the rising sign, the houses and the angles are left out.",
    moonNearEdge: (sign) =>
      `The Moon moves about 13° a day and sits near the edge of ${SIGNS[sign].name}, so it may have been in the neighbouring sign at the actual time of birth.`,
  },
  midheaven: (t) => [
    `The Midheaven in ${t.sign} describes your public direction: you pursue a calling ${t.style}, and your reputation grows from ${t.gift}.`,
    `With the Midheaven in ${t.sign}, the world comes to know you for ${t.gift}; a career asks you to work ${t.style}.`,
  ],
  midheavenFallback: (sign) => `Midheaven in ${SIGNS[sign].name}.`,
  planetInSign: {
    mercury: [
      (s) =>
        `Mercury in ${s.sign} shapes how you think and communicate. Your mind works ${s.style}, and you bring ${s.gift} to conversations and decisions. The habit to watch is ${s.shadow}.`,
      (s) =>
        `With Mercury in ${s.sign} you learn and speak ${s.style}. Your thinking is at its best when it has ${s.need}; people notice ${s.gift} in the way you explain things, while ${s.shadow} can trip you up.`,
    ],
    venus: [
      (s) =>
        `Venus in ${s.sign} describes how you love and what you value. In relationships you move ${s.style}, and you offer ${s.gift}. You are happiest with ${s.need}, though ${s.shadow} can get in the way of closeness.`,
      (s) =>
        `With Venus in ${s.sign} you give affection ${s.style}. What attracts you is ${s.need}, and what you bring to a partnership is ${s.gift}; the lesson in love is to watch for ${s.shadow}.`,
    ],
    mars: [
      (s) =>
        `Mars in ${s.sign} shows how you act and assert yourself. You go after what you want ${s.style}, drawing on ${s.gift}. Under pressure, watch for ${s.shadow}.`,
      (s) =>
        `With Mars in ${s.sign} your energy is roused by ${s.need}, and you tend to fight your battles ${s.style}. Your drive carries ${s.gift}; anger, when it comes, often shows up as ${s.shadow}.`,
    ],
    jupiter: [
      (s) =>
        `Jupiter in ${s.sign} shows where you find faith and room to grow. Opportunity tends to come when you act ${s.style}, and you can count on ${s.gift}. Too much of a good thing here looks like ${s.shadow}.`,
      (s) =>
        `With Jupiter in ${s.sign} your optimism grows out of ${s.need}. You expand your world ${s.style}, and life tends to reward ${s.gift}; overdoing it shows up as ${s.shadow}.`,
    ],
    saturn: [
      (s) =>
        `Saturn in ${s.sign} marks where life asks for patience and structure. You are learning to carry responsibility ${s.style}; at first this may feel like ${s.shadow}, but with time it matures into ${s.gift}.`,
      (s) =>
        `With Saturn in ${s.sign} your hardest lessons concern ${s.need}. Fear here can look like ${s.shadow}, yet the discipline you build, working ${s.style}, turns in time into ${s.gift}.`,
    ],
    uranus: [
      (s) =>
        `Uranus in ${s.sign} is shared by everyone born within several years of you and describes how your generation breaks with the past. You tend to rebel and innovate ${s.style}, prizing ${s.gift}.`,
      (s) =>
        `With Uranus in ${s.sign}, a placement your whole generation shares, sudden change arrives around ${s.need}. Your independent streak shows ${s.style}, and at its best it brings ${s.gift}.`,
    ],
    neptune: [
      (s) =>
        `Neptune in ${s.sign}, another generational placement, colours the ideals and dreams you share with your peers. Inspiration reaches you through ${s.need}, and it can blur into ${s.shadow} when reality disappoints.`,
      (s) =>
        `With Neptune in ${s.sign} your generation longs for ${s.need}. Your imagination works ${s.style}, and its finest expression is ${s.gift}; its fog is ${s.shadow}.`,
    ],
    pluto: [
      (s) =>
        `Pluto in ${s.sign} describes the deep transformations your generation lives through. Power and renewal come to you ${s.style}, and your capacity for ${s.gift} deepens every time you face ${s.shadow} honestly.`,
      (s) =>
        `With Pluto in ${s.sign}, a slow generational placement, what you cannot let go of concerns ${s.need}. Crises push you to change ${s.style}, and they leave you with ${s.gift}.`,
    ],
  },
  planetInSignFallback: (planet, sign) =>
    `${capitalize(POINT_NAMES[planet])} in ${SIGNS[sign].name}.`,
  ascendantFallback: (sign) => `${SIGNS[sign].name} rising.`,
  houseAreas: [
    ["your manner and first impressions", "how you set out"],
    ["money and self-worth", "what you earn and own"],
    ["learning and everyday exchanges", "siblings, neighbours and short trips"],
    ["home, family and roots", "where you feel at home"],
    ["creativity, romance and play", "pleasure and self-expression"],
    ["daily work and health", "routines and being of use"],
    ["partnership and marriage", "the people you commit to"],
    ["intimacy and shared resources", "trust, joint money and crises"],
    ["travel, study and belief", "far horizons and meaning"],
    ["career and public standing", "your vocation and reputation"],
    ["friends, groups and hopes", "allies and long-held wishes"],
    ["solitude and the unconscious", "retreat, dreams and hidden work"],
  ],
  planetInHouse: {
    sun: (h, a) =>
      `The Sun in the ${ordinal(h)} house puts your sense of purpose into ${a}. This is where you most want to shine, and where effort pays you back in confidence.`,
    moon: (h, a) =>
      `With the Moon in the ${ordinal(h)} house, your emotional security is tied to ${a}. Your moods rise and fall with what happens here, and it is where you instinctively look for comfort.`,
    mercury: (h, a) =>
      `In the ${ordinal(h)} house, Mercury sends your curiosity towards ${a}, and you think, read and talk a good deal about these matters.`,
    venus: (h, a) =>
      `Placed in the ${ordinal(h)} house, Venus brings ease and pleasure to ${a}; this is where you show your charm and where good things tend to come to you.`,
    mars: (h, a) =>
      `In the ${ordinal(h)} house, Mars concentrates your drive on ${a}. You push hard for what you want here, sometimes too hard, and this is where you can make things happen.`,
    jupiter: (h, a) =>
      `Jupiter's place in the ${ordinal(h)} house expands ${a}: growth and good fortune often arrive through these matters, as long as you do not overreach.`,
    saturn: (h, a) =>
      `From the ${ordinal(h)} house, Saturn asks for patience with ${a}. Early difficulties here become lasting strength, and this is where you earn real authority.`,
    uranus: (h, a) =>
      `Personally, Uranus works through the ${ordinal(h)} house, bringing surprises and a need for freedom to ${a}; expect the unconventional here, and expect to change your mind.`,
    neptune: (h, a) =>
      `In your own life Neptune occupies the ${ordinal(h)} house, adding idealism and some fog to ${a}. Intuition is a good guide here, but it pays to check the facts.`,
    pluto: (h, a) =>
      `Its personal arena is the ${ordinal(h)} house, which makes ${a} a place of deep change: power struggles may arise here, and so can profound renewal.`,
  },
  planetInHouseFallback: (planet: PlanetId, house) =>
    `${capitalize(POINT_NAMES[planet])}: house ${house}.`,
  retrograde: [
    (p) =>
      `${capitalize(p)} was retrograde when you were born, which turns its energy inward: its themes ripen slowly and privately before they show.`,
    (p) =>
      `Being retrograde at your birth, ${p} tends to work by review and reflection, returning to old questions until they are truly settled.`,
    (p) =>
      `Its retrograde motion at your birth suggests you rework ${p}'s lessons in your own way rather than taking them as given.`,
    (p) => `Retrograde at birth, ${p} matures late, but what it teaches you becomes your own.`,
    (p) =>
      `Since ${p} was moving backwards, you tend to revisit its themes and find your answers there twice.`,
    (p) =>
      `With ${p} retrograde, second thoughts and private rehearsal come before its outward expression.`,
  ],
  retrogradeFallback: (planet) => `${capitalize(POINT_NAMES[planet])} was retrograde.`,
  aspects: {
    conjunction: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} conjunct ${s.b} (orb ${s.orb}) fuses ${s.themeA} with ${s.themeB}.`,
        (s) =>
          `${capitalize(s.a)} and ${s.b} stand together (orb ${s.orb}), merging ${s.themeA} and ${s.themeB}.`,
        (s) =>
          `In conjunction (orb ${s.orb}), ${s.a} ties ${s.themeA} to ${s.themeB}, the domain of ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} and ${s.themeB} are joined here: ${s.a} meets ${s.b} (orb ${s.orb}).`,
      ],
      meanings: [
        "The two act as one, for better and for worse, and neither can be expressed without stirring the other.",
        "Together they make a single, concentrated force that is a defining note of the chart.",
        "Learning where one ends and the other begins is part of your work.",
        "Such a meeting intensifies both planets: whatever one does, the other joins in.",
      ],
    },
    sextile: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} sextile ${s.b} (orb ${s.orb}) lets ${s.themeA} and ${s.themeB} cooperate.`,
        (s) => `A sextile of ${s.a} and ${s.b} (orb ${s.orb}) links ${s.themeA} with ${s.themeB}.`,
        (s) =>
          `Through a sextile (orb ${s.orb}), ${s.a} lends ${s.themeA} to ${s.b} and ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} and ${s.themeB} get along: ${s.a} sextiles ${s.b} (orb ${s.orb}).`,
      ],
      meanings: [
        "It is an opening rather than a guarantee: a little effort brings them together productively.",
        "The opportunities it offers reward you when you act on them.",
        "Small initiatives that combine the two tend to pay off.",
        "Think of it as a friendly introduction that you still have to follow up.",
      ],
    },
    square: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} square ${s.b} (orb ${s.orb}) sets ${s.themeA} against ${s.themeB}.`,
        (s) => `With ${s.a} square ${s.b} (orb ${s.orb}), ${s.themeA} and ${s.themeB} pull apart.`,
        (s) =>
          `A square (orb ${s.orb}) puts ${s.themeA}, through ${s.a}, at odds with ${s.themeB}.`,
        (s) =>
          `${capitalize(s.themeA)} rubs against ${s.themeB}: ${s.a} squares ${s.b} (orb ${s.orb}).`,
      ],
      meanings: [
        "The friction can be uncomfortable, but it is also a motor that pushes you to act and, over time, to build real skill.",
        "Learning to give each its turn turns a recurring tension into strength.",
        "Whenever one presses forward the other objects, and the compromises you find become your craft.",
        "Tension of this kind rarely goes away; it becomes useful once you stop resenting it.",
      ],
    },
    trine: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} trine ${s.b} (orb ${s.orb}) lets ${s.themeA} flow into ${s.themeB}.`,
        (s) =>
          `A trine from ${s.a} to ${s.b} (orb ${s.orb}) harmonises ${s.themeA} and ${s.themeB}.`,
        (s) =>
          `Thanks to a trine (orb ${s.orb}), ${s.themeA} supports ${s.themeB}, ${s.a} helping ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} and ${s.themeB} work in easy accord: ${s.a} trines ${s.b} (orb ${s.orb}).`,
      ],
      meanings: [
        "This is a natural talent, so easy that it can be taken for granted unless you put it to work.",
        "What they share comes to you without strain and is worth developing on purpose.",
        "The gift grows when it is used deliberately.",
        "Ease like this is a resource: lean on it when other parts of the chart feel hard.",
      ],
    },
    opposition: {
      headlines: [
        (s) =>
          `${capitalize(s.a)} opposite ${s.b} (orb ${s.orb}) puts ${s.themeA} and ${s.themeB} on a see-saw.`,
        (s) => `With ${s.a} opposing ${s.b} (orb ${s.orb}), ${s.themeA} faces ${s.themeB}.`,
        (s) =>
          `An opposition (orb ${s.orb}) asks you to hold ${s.themeA} and ${s.themeB} at once, ${s.a} against ${s.b}.`,
        (s) =>
          `${capitalize(s.themeA)} and ${s.themeB} stand across the chart: ${s.a} opposes ${s.b} (orb ${s.orb}).`,
      ],
      meanings: [
        "You may swing between them, or meet one side in other people, until you find a balance that honours both.",
        "Relationships tend to bring this polarity into view, and awareness of it becomes a source of perspective.",
        "Other people often mirror whichever side you neglect.",
        "The answer is rarely to choose a side; it is to let each have its season.",
      ],
    },
  },
  aspectFallback: (a, type, b, orb) =>
    `${capitalize(POINT_NAMES[a])} ${ASPECT_WORDS[type]} ${POINT_NAMES[b]}, orb ${orb}.`,
  pairNotes: {
    personal: [
      "Both are personal planets, so this shows up plainly in everyday life.",
      "Since two personal planets are involved, you will notice this in daily life.",
      "Two personal planets take part, which makes the theme easy to recognise day to day.",
    ],
    personalOuter: [
      "Because a slow outer planet touches a personal one, this theme is felt personally and tends to return at turning points.",
      "An outer planet touching a personal one makes this a lifelong theme, revived at turning points.",
      "Here a generational planet meets a personal one, so the theme feels bigger than you and keeps coming back.",
    ],
    outer: [
      "Both planets move slowly, so this is a mark of your generation more than of you alone.",
      "Two slow planets form this aspect, which your whole generation shares.",
      "Your contemporaries carry this aspect too: both planets move slowly.",
    ],
  },
  balance: {
    elementLead: (e, count, total) =>
      `${capitalize(ELEMENTS[e])} is your strongest element, with ${count} of the ${total} points counted. ${ELEMENT_STRONG[e]}`,
    elementTie: (es, count, total) =>
      `${capitalize(list(es.map((e) => ELEMENTS[e])))} share the lead, with ${count} of the ${total} points each. ${es.map((e) => ELEMENT_STRONG[e]).join(" ")}`,
    countFallback: (name, count, total) => `${capitalize(name)}: ${count} of ${total}.`,
    elementWeak: (e) =>
      ({
        fire: "Fire is scarce in your chart, so enthusiasm and self-assertion may need conscious encouragement; exercise, play and bold small steps help.",
        earth:
          "With little earth, routines, money and the body may need deliberate attention; simple structures make your other gifts usable.",
        air: "Air is in short supply here: stepping back to look at a situation objectively, and putting feelings into words, may take practice.",
        water:
          "A chart low on water finds feelings easier to analyse than to feel; time with people you trust helps them surface.",
      })[e],
    modalityLead: (m, count, total) =>
      `${capitalize(MODALITIES[m])} signs lead in your chart (${count} of ${total}): ${MODALITY_STRONG[m]}`,
    modalityTie: (ms, count, total) =>
      `${capitalize(list(ms.map((m) => MODALITIES[m])))} signs are tied, with ${count} of ${total} each: you are at your best ${list(ms.map((m) => MODALITY_ACTION[m]))}, and you switch between these ways as a situation asks.`,
  },
};
