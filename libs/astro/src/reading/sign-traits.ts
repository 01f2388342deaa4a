import type { Sign } from "../zodiac.js";

/**
 * How a sign colours any planet placed in it, as phrases that slot into the planet sentences:
 * `style` is adverbial ("boldly and on impulse"), the others are noun phrases. Gifts and
 * shadows come in two wordings so that a reading with several planets in one sign varies.
 */
export interface SignTraits {
  readonly name: string;
  readonly style: string;
  readonly need: string;
  readonly gifts: readonly [string, string];
  readonly shadows: readonly [string, string];
}

export const SIGN_TRAITS: Readonly<Record<Sign, SignTraits>> = {
  aries: {
    name: "Aries",
    style: "boldly and on impulse",
    need: "a challenge and the freedom to make the first move",
    gifts: [
      "courage and a talent for getting things started",
      "directness that cuts through hesitation",
    ],
    shadows: [
      "impatience when others need more time",
      "a temper that flares before the facts are in",
    ],
  },
  taurus: {
    name: "Taurus",
    style: "steadily and with great patience",
    need: "security, comfort and time to decide",
    gifts: ["staying power and good common sense", "a calm, reliable touch"],
    shadows: [
      "stubbornness once your mind is made up",
      "holding on to what has stopped serving you",
    ],
  },
  gemini: {
    name: "Gemini",
    style: "quickly, lightly and with plenty of questions",
    need: "variety and someone to talk things over with",
    gifts: ["wit and a gift for making connections", "adaptability and a lively, inventive mind"],
    shadows: [
      "scattering your energy across too many interests",
      "restlessness when things become routine",
    ],
  },
  cancer: {
    name: "Cancer",
    style: "protectively and by instinct",
    need: "emotional safety and a sense of belonging",
    gifts: ["a caring memory for what people need", "loyalty and a strong protective instinct"],
    shadows: [
      "retreating into your shell when you feel exposed",
      "taking things personally that were not meant that way",
    ],
  },
  leo: {
    name: "Leo",
    style: "warmly, proudly and with a flair for drama",
    need: "appreciation and room to express yourself",
    gifts: ["generosity and natural confidence", "creative warmth that encourages others"],
    shadows: ["needing an audience to feel worthwhile", "pride that makes it hard to back down"],
  },
  virgo: {
    name: "Virgo",
    style: "carefully, modestly and with an eye for detail",
    need: "useful work and a sense of order",
    gifts: [
      "precision and a practical readiness to help",
      "a discerning eye that improves whatever it touches",
    ],
    shadows: ["worry and self-criticism", "getting lost in details while the larger picture waits"],
  },
  libra: {
    name: "Libra",
    style: "diplomatically, with grace and a feel for fairness",
    need: "harmony and a partner to share things with",
    gifts: ["tact and a fine sense of balance", "charm and a talent for bringing people together"],
    shadows: [
      "indecision when every option has its merits",
      "keeping the peace at the cost of your own wishes",
    ],
  },
  scorpio: {
    name: "Scorpio",
    style: "intensely, privately and with total commitment",
    need: "depth, trust and emotional honesty",
    gifts: [
      "penetrating insight and great resilience",
      "the ability to stay the course through a crisis",
    ],
    shadows: [
      "jealousy and an all-or-nothing streak",
      "secrecy that keeps even allies at a distance",
    ],
  },
  sagittarius: {
    name: "Sagittarius",
    style: "enthusiastically and with an eye on the horizon",
    need: "freedom, meaning and something to explore",
    gifts: [
      "optimism and a broad, generous outlook",
      "honesty and a contagious sense of adventure",
    ],
    shadows: ["promising more than there is time to deliver", "bluntness that runs ahead of tact"],
  },
  capricorn: {
    name: "Capricorn",
    style: "patiently, strategically and with self-discipline",
    need: "a worthwhile goal and the respect that comes from earning it",
    gifts: [
      "ambition backed by real staying power",
      "dependability and a realistic grasp of what works",
    ],
    shadows: [
      "rigidity and a fear of getting it wrong",
      "measuring your worth only by what you achieve",
    ],
  },
  aquarius: {
    name: "Aquarius",
    style: "independently, inventively and a little against the grain",
    need: "freedom to think differently and a cause worth believing in",
    gifts: ["originality and a fair, far-sighted mind", "loyalty to friends and to principles"],
    shadows: ["detachment that others read as coldness", "contrariness for its own sake"],
  },
  pisces: {
    name: "Pisces",
    style: "intuitively, gently and by following your imagination",
    need: "quiet, inspiration and a sense of connection",
    gifts: ["compassion and a rich imagination", "a sensitivity that picks up what is left unsaid"],
    shadows: ["drifting away from hard decisions", "absorbing other people's troubles as your own"],
  },
};
