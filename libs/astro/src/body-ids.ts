/** The ten classical and modern planets (the Sun and Moon count as planets here). */
export const PLANET_IDS = [
  "sun",
  "moon",
  "mercury",
  "venus",
  "mars",
  "jupiter",
  "saturn",
  "uranus",
  "neptune",
  "pluto",
] as const;

export type PlanetId = (typeof PLANET_IDS)[number];

/** Every point the engine can place, in the canonical order used for output and input lists. */
export const BODY_IDS = [...PLANET_IDS, "meanNode", "trueNode", "lilith"] as const;

export type BodyId = (typeof BODY_IDS)[number];

export const LUMINARIES: readonly BodyId[] = ["sun", "moon"];

export function isBodyId(value: unknown): value is BodyId {
  return typeof value === "string" && (BODY_IDS as readonly string[]).includes(value);
}
