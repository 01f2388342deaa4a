import { PLANET_IDS } from "./body-ids.js";
import type { Balance, ChartAngles, ChartBody } from "./chart-types.js";
import { ELEMENTS, elementOf, MODALITIES, modalityOf, type Sign } from "./zodiac.js";

/**
 * Counts of elements and modalities over the ten planets present and, when the birth time is
 * known, the ascendant and midheaven. Every point counts once, so the numbers read directly as
 * "how many placements".
 */
export function computeBalance(bodies: readonly ChartBody[], angles: ChartAngles | null): Balance {
  const elements = Object.fromEntries(ELEMENTS.map((e) => [e, 0])) as Balance["elements"];
  const modalities = Object.fromEntries(MODALITIES.map((m) => [m, 0])) as Balance["modalities"];
  const points: string[] = [];
  const count = (id: string, sign: Sign) => {
    elements[elementOf(sign)]++;
    modalities[modalityOf(sign)]++;
    points.push(id);
  };
  for (const body of bodies) {
    if ((PLANET_IDS as readonly string[]).includes(body.id)) count(body.id, body.sign);
  }
  if (angles !== null) {
    count("ascendant", angles.ascendant.sign);
    count("midheaven", angles.midheaven.sign);
  }
  return { elements, modalities, points };
}
