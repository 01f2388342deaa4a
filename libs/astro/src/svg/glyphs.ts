import type { BodyId } from "../body-ids.js";
import type { Sign } from "../zodiac.js";

// U+FE0E asks for the text (not emoji) presentation, so glyphs take the theme's colour.
const TEXT = "\uFE0E";

export const BODY_GLYPHS: Readonly<Record<BodyId, string>> = {
  sun: `\u2609${TEXT}`,
  moon: `\u263D${TEXT}`,
  mercury: `\u263F${TEXT}`,
  venus: `\u2640${TEXT}`,
  mars: `\u2642${TEXT}`,
  jupiter: `\u2643${TEXT}`,
  saturn: `\u2644${TEXT}`,
  uranus: `\u2645${TEXT}`,
  neptune: `\u2646${TEXT}`,
  pluto: `\u2647${TEXT}`,
  meanNode: `\u260A${TEXT}`,
  trueNode: `\u260A${TEXT}`,
  lilith: `\u26B8${TEXT}`,
};

export const SIGN_GLYPHS: Readonly<Record<Sign, string>> = {
  aries: `\u2648${TEXT}`,
  taurus: `\u2649${TEXT}`,
  gemini: `\u264A${TEXT}`,
  cancer: `\u264B${TEXT}`,
  leo: `\u264C${TEXT}`,
  virgo: `\u264D${TEXT}`,
  libra: `\u264E${TEXT}`,
  scorpio: `\u264F${TEXT}`,
  sagittarius: `\u2650${TEXT}`,
  capricorn: `\u2651${TEXT}`,
  aquarius: `\u2652${TEXT}`,
  pisces: `\u2653${TEXT}`,
};

export const BODY_LABELS: Readonly<Record<BodyId, string>> = {
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
  meanNode: "Mean Node",
  trueNode: "True Node",
  lilith: "Lilith",
};
