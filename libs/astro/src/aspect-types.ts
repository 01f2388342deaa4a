/** Aspect types, majors first, each with its exact angle in degrees. */
export const ASPECT_TYPES = [
  "conjunction",
  "sextile",
  "square",
  "trine",
  "opposition",
  "semisextile",
  "semisquare",
  "quintile",
  "sesquiquadrate",
  "biquintile",
  "quincunx",
] as const;

export type AspectType = (typeof ASPECT_TYPES)[number];

export const MAJOR_ASPECT_TYPES = [
  "conjunction",
  "sextile",
  "square",
  "trine",
  "opposition",
] as const satisfies readonly AspectType[];

export const ASPECT_ANGLES: Readonly<Record<AspectType, number>> = {
  conjunction: 0,
  sextile: 60,
  square: 90,
  trine: 120,
  opposition: 180,
  semisextile: 30,
  semisquare: 45,
  quintile: 72,
  sesquiquadrate: 135,
  biquintile: 144,
  quincunx: 150,
};

/**
 * Default natal orbs in degrees: generous for the strong aspects, tight for the minor ones,
 * in line with common modern practice (e.g. conjunction and opposition 8°, sextile 5°).
 */
export const DEFAULT_ORBS: Readonly<Record<AspectType, number>> = {
  conjunction: 8,
  sextile: 5,
  square: 7,
  trine: 7,
  opposition: 8,
  semisextile: 2,
  semisquare: 2,
  quintile: 2,
  sesquiquadrate: 2,
  biquintile: 2,
  quincunx: 3,
};

/** Extra orb, in degrees, when the Sun or the Moon is one of the pair. */
export const DEFAULT_LUMINARY_ORB_BONUS = 2;

/** Transits are read tightly: a transit "in orb" is one that is close to exact. */
export const DEFAULT_TRANSIT_ORBS: Readonly<Record<AspectType, number>> = {
  conjunction: 2,
  sextile: 1.5,
  square: 2,
  trine: 2,
  opposition: 2,
  semisextile: 1,
  semisquare: 1,
  quintile: 1,
  sesquiquadrate: 1,
  biquintile: 1,
  quincunx: 1,
};

/** The largest orb accepted: beyond it neighbouring aspects would overlap. */
export const MAX_ORB = 15;

export function isAspectType(value: unknown): value is AspectType {
  return typeof value === "string" && (ASPECT_TYPES as readonly string[]).includes(value);
}
