/** Zodiacs the engine supports. */
export const ZODIACS = ["tropical", "sidereal"] as const;
export type Zodiac = (typeof ZODIACS)[number];

export const SIGNS = [
  "aries",
  "taurus",
  "gemini",
  "cancer",
  "leo",
  "virgo",
  "libra",
  "scorpio",
  "sagittarius",
  "capricorn",
  "aquarius",
  "pisces",
] as const;
export type Sign = (typeof SIGNS)[number];

export const ELEMENTS = ["fire", "earth", "air", "water"] as const;
export type Element = (typeof ELEMENTS)[number];

export const MODALITIES = ["cardinal", "fixed", "mutable"] as const;
export type Modality = (typeof MODALITIES)[number];

export function signIndexOf(longitude: number): number {
  return Math.floor(longitude / 30) % 12;
}

export function signOf(longitude: number): Sign {
  return SIGNS[signIndexOf(longitude)]!;
}

/** Signs cycle fire, earth, air, water from Aries. */
export function elementOf(sign: Sign): Element {
  return ELEMENTS[SIGNS.indexOf(sign) % 4]!;
}

/** Signs cycle cardinal, fixed, mutable from Aries. */
export function modalityOf(sign: Sign): Modality {
  return MODALITIES[SIGNS.indexOf(sign) % 3]!;
}

export function isZodiac(value: unknown): value is Zodiac {
  return typeof value === "string" && (ZODIACS as readonly string[]).includes(value);
}
