import type { BodyId, PlanetId } from "../body-ids.js";
import type { SignTraits } from "./sign-traits.js";

export type PersonalPlanetId = Exclude<PlanetId, "sun" | "moon">;

/** Values a planet-in-sign template fills in. */
export interface SignSlots {
  readonly sign: string;
  readonly style: string;
  readonly need: string;
  readonly gift: string;
  readonly shadow: string;
}

export function signSlots(traits: SignTraits, variant: number): SignSlots {
  return {
    sign: traits.name,
    style: traits.style,
    need: traits.need,
    gift: traits.gifts[variant % 2]!,
    shadow: traits.shadows[variant % 2]!,
  };
}

type SignTemplate = (s: SignSlots) => string;

/** Each planet's sign placement, in two wordings chosen per chart. */
export const PLANET_IN_SIGN: Readonly<Record<PersonalPlanetId, readonly SignTemplate[]>> = {
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
};

/** What each house is about, as a noun phrase. */
export const HOUSE_AREAS: readonly string[] = [
  "your appearance, your manner and the way you begin things",
  "money, possessions and your sense of self-worth",
  "learning, siblings, neighbours and everyday communication",
  "home, family and your private roots",
  "creativity, romance, children and play",
  "daily work, health and the routines that keep life running",
  "partnerships, marriage and close one-to-one relationships",
  "shared resources, intimacy and the deeper transformations of life",
  "travel, higher education, belief and the search for meaning",
  "career, public standing and your ambitions",
  "friends, groups and your hopes for the future",
  "solitude, the unconscious and what happens behind the scenes",
];

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

export function ordinal(house: number): string {
  return ORDINALS[house - 1]!;
}

type HouseTemplate = (house: string, area: string) => string;

/** Each planet's house placement: where in life its theme is played out. */
export const PLANET_IN_HOUSE: Readonly<Record<PlanetId, HouseTemplate>> = {
  sun: (h, a) =>
    `The Sun in the ${h} house puts your sense of purpose into ${a}. This is where you most want to shine, and where effort pays you back in confidence.`,
  moon: (h, a) =>
    `With the Moon in the ${h} house, your emotional security is tied to ${a}. Your moods rise and fall with what happens here, and it is where you instinctively look for comfort.`,
  mercury: (h, a) =>
    `In the ${h} house, Mercury sends your curiosity towards ${a}, and you think, read and talk a good deal about these matters.`,
  venus: (h, a) =>
    `Placed in the ${h} house, Venus brings ease and pleasure to ${a}; this is where you show your charm and where good things tend to come to you.`,
  mars: (h, a) =>
    `In the ${h} house, Mars concentrates your drive on ${a}. You push hard for what you want here, sometimes too hard, and this is where you can make things happen.`,
  jupiter: (h, a) =>
    `Jupiter's place in the ${h} house expands ${a}: growth and good fortune often arrive through these matters, as long as you do not overreach.`,
  saturn: (h, a) =>
    `From the ${h} house, Saturn asks for patience with ${a}. Early difficulties here become lasting strength, and this is where you earn real authority.`,
  uranus: (h, a) =>
    `Personally, Uranus works through the ${h} house, bringing surprises and a need for freedom to ${a}; expect the unconventional here, and expect to change your mind.`,
  neptune: (h, a) =>
    `In your own life Neptune occupies the ${h} house, adding idealism and some fog to ${a}. Intuition is a good guide here, but it pays to check the facts.`,
  pluto: (h, a) =>
    `Its personal arena is the ${h} house, which makes ${a} a place of deep change: power struggles may arise here, and so can profound renewal.`,
};

/** A short phrase for what each point stands for, used in aspect sentences. */
export const POINT_THEMES: Readonly<Record<BodyId, string>> = {
  sun: "your sense of self",
  moon: "your emotional needs",
  mercury: "your thinking",
  venus: "your affections",
  mars: "your drive",
  jupiter: "your optimism",
  saturn: "your sense of duty",
  uranus: "your need for freedom",
  neptune: "your imagination",
  pluto: "your will to transform",
  meanNode: "your path of growth",
  trueNode: "your path of growth",
  lilith: "your untamed side",
};

export const POINT_NAMES: Readonly<Record<BodyId, string>> = {
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
