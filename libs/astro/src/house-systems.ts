/** House systems the engine supports. */
export const HOUSE_SYSTEMS = [
  "placidus",
  "koch",
  "porphyry",
  "equal",
  "wholeSign",
  "regiomontanus",
  "campanus",
] as const;

export type HouseSystem = (typeof HOUSE_SYSTEMS)[number];

export function isHouseSystem(value: unknown): value is HouseSystem {
  return typeof value === "string" && (HOUSE_SYSTEMS as readonly string[]).includes(value);
}
