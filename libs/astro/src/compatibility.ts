import { roundTo } from "./angle-math.js";
import { type AspectType, DEFAULT_LUMINARY_ORB_BONUS, DEFAULT_ORBS } from "./aspect-types.js";
import { LUMINARIES, PLANET_IDS, type PlanetId } from "./body-ids.js";
import type { Chart } from "./chart-types.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { guarded } from "./errors.js";
import { computeSynastry } from "./synastry.js";

export const COMPATIBILITY_THEMES = [
  "attraction",
  "emotion",
  "communication",
  "commitment",
] as const;
export type CompatibilityTheme = (typeof COMPATIBILITY_THEMES)[number];

export interface CompatibilityFactor {
  /** A planet of the first chart. */
  a: PlanetId;
  /** A planet of the second chart. */
  b: PlanetId;
  type: AspectType;
  orb: number;
  nature: "harmonious" | "challenging";
  /** The pair's weight times the aspect's closeness (1 exact, 0 at the edge of its orb). */
  weight: number;
}

export interface Compatibility {
  /** 0–100; 50 when harmony and tension balance. */
  score: number;
  /** Sum of the weights of the harmonious factors. */
  harmony: number;
  /** Sum of the weights of the challenging factors. */
  tension: number;
  /** The same score over the factors of each theme. */
  themes: Record<CompatibilityTheme, number>;
  /** Every factor, heaviest first. */
  factors: CompatibilityFactor[];
  method: string;
  meta: { engineVersion: string };
}

/** How much a planet counts in a relationship: the lights and the planets of love most. */
export const COMPATIBILITY_WEIGHTS: Readonly<Record<PlanetId, number>> = {
  sun: 3,
  moon: 3,
  venus: 3,
  mars: 2.5,
  mercury: 2,
  jupiter: 1.5,
  saturn: 1.5,
  uranus: 0.75,
  neptune: 0.75,
  pluto: 0.75,
};

const MAJOR: readonly AspectType[] = ["conjunction", "sextile", "square", "trine", "opposition"];
// Conjunctions with these bind and test rather than ease.
const HEAVY: readonly PlanetId[] = ["saturn", "pluto"];
// Harmony and tension each start at this much, so that a score from few factors stays near 50.
const PRIOR = 2;

const THEME_MEMBERS: Readonly<Record<CompatibilityTheme, (a: PlanetId, b: PlanetId) => boolean>> = {
  attraction: (a, b) => [a, b].some((p) => p === "venus" || p === "mars"),
  emotion: (a, b) => a === "moon" || b === "moon",
  communication: (a, b) => a === "mercury" || b === "mercury",
  commitment: (a, b) =>
    a === "saturn" ||
    b === "saturn" ||
    (a === "sun" && b === "moon") ||
    (a === "moon" && b === "sun"),
};

export const COMPATIBILITY_METHOD =
  "Major aspects between the ten planets of the two charts, at the natal orbs (DEFAULT_ORBS, plus 2° with the Sun or Moon). Each aspect weighs the mean of its two planets' weights (Sun, Moon, Venus 3; Mars 2.5; Mercury 2; Jupiter, Saturn 1.5; Uranus, Neptune, Pluto 0.75) times its closeness, 1 − orb / allowed orb. Trines, sextiles and conjunctions are harmonious, except conjunctions with Saturn or Pluto; squares, oppositions and those conjunctions are challenging. Score = round(100 × (harmony + 2) / (harmony + tension + 4)), where harmony and tension are the sums of the weights; each theme applies the same formula to the aspects of its planets (attraction: Venus or Mars; emotion: the Moon; communication: Mercury; commitment: Saturn, or the Sun with the Moon).";

function scoreOf(factors: readonly CompatibilityFactor[]): number {
  let harmony = 0;
  let tension = 0;
  for (const f of factors) {
    if (f.nature === "harmonious") harmony += f.weight;
    else tension += f.weight;
  }
  return Math.round((100 * (harmony + PRIOR)) / (harmony + tension + 2 * PRIOR));
}

/**
 * A deterministic compatibility score of two charts, with the factors it was computed from
 * (see COMPATIBILITY_METHOD). It does not depend on which chart is given first, nor on the
 * orbs a synastry request asks for.
 */
export function computeCompatibility(a: Chart, b: Chart): Compatibility {
  return guarded("computeCompatibility", () => {
    const synastry = computeSynastry(a, b, { aspectTypes: [...MAJOR] });
    const isPlanet = (id: string): id is PlanetId => (PLANET_IDS as readonly string[]).includes(id);
    const factors: CompatibilityFactor[] = [];
    for (const aspect of synastry.aspects) {
      if (!isPlanet(aspect.a) || !isPlanet(aspect.b)) continue;
      const allowed =
        DEFAULT_ORBS[aspect.type] +
        (LUMINARIES.includes(aspect.a) || LUMINARIES.includes(aspect.b)
          ? DEFAULT_LUMINARY_ORB_BONUS
          : 0);
      const pair = (COMPATIBILITY_WEIGHTS[aspect.a] + COMPATIBILITY_WEIGHTS[aspect.b]) / 2;
      const challenging =
        aspect.type === "square" ||
        aspect.type === "opposition" ||
        (aspect.type === "conjunction" && (HEAVY.includes(aspect.a) || HEAVY.includes(aspect.b)));
      factors.push({
        a: aspect.a,
        b: aspect.b,
        type: aspect.type,
        orb: aspect.orb,
        nature: challenging ? "challenging" : "harmonious",
        weight: roundTo(pair * Math.max(0, 1 - aspect.orb / allowed), 4),
      });
    }
    factors.sort(
      (x, y) =>
        y.weight - x.weight ||
        PLANET_IDS.indexOf(x.a) - PLANET_IDS.indexOf(y.a) ||
        PLANET_IDS.indexOf(x.b) - PLANET_IDS.indexOf(y.b),
    );
    const sum = (nature: CompatibilityFactor["nature"]) =>
      roundTo(
        factors.filter((f) => f.nature === nature).reduce((total, f) => total + f.weight, 0),
        4,
      );
    const themes = Object.fromEntries(
      COMPATIBILITY_THEMES.map((theme) => [
        theme,
        scoreOf(factors.filter((f) => THEME_MEMBERS[theme](f.a, f.b))),
      ]),
    ) as Record<CompatibilityTheme, number>;
    return {
      score: scoreOf(factors),
      harmony: sum("harmonious"),
      tension: sum("challenging"),
      themes,
      factors,
      method: COMPATIBILITY_METHOD,
      meta: { engineVersion: ENGINE_VERSION },
    };
  });
}
