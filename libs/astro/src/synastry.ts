import { type AspectType, DEFAULT_LUMINARY_ORB_BONUS, DEFAULT_ORBS } from "./aspect-types.js";
import type { Aspect } from "./aspects.js";
import { type AspectSettings, aspectBetween } from "./aspects.js";
import { BODY_IDS, type BodyId } from "./body-ids.js";
import { aspectPoint, houseOf } from "./chart.js";
import { checkedOptions, parseAspectSettings } from "./chart-input.js";
import type { Chart } from "./chart-types.js";
import { assertChartPair } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { guarded } from "./errors.js";

export interface SynastryOptions {
  /** Default: the five major aspects. */
  aspectTypes?: AspectType[];
  /** Orb overrides, degrees; defaults DEFAULT_ORBS. */
  orbs?: Partial<Record<AspectType, number>>;
  /** Default DEFAULT_LUMINARY_ORB_BONUS. */
  luminaryOrbBonus?: number;
}

/** Aspect from a body of chart a (`a`) to a body of chart b (`b`). */
export type SynastryAspect = Aspect;

export interface HouseOverlay {
  body: BodyId;
  /** House of the other chart the body falls in. */
  house: number;
}

export interface Synastry {
  aspects: SynastryAspect[];
  /** Where a's bodies fall in b's houses; null when b has no houses (time unknown). */
  aInB: HouseOverlay[] | null;
  /** Where b's bodies fall in a's houses; null when a has no houses. */
  bInA: HouseOverlay[] | null;
  meta: { engineVersion: string };
}

const OPTION_KEYS = ["aspectTypes", "orbs", "luminaryOrbBonus"];

function synastrySettings(options: unknown): AspectSettings {
  // null, like undefined, asks for the defaults.
  const given = checkedOptions(options ?? undefined, OPTION_KEYS, "synastry");
  const s = parseAspectSettings(given, "options.", {
    orbs: DEFAULT_ORBS,
    luminaryOrbBonus: DEFAULT_LUMINARY_ORB_BONUS,
  });
  return { types: s.aspectTypes, orbs: s.orbs, luminaryOrbBonus: s.luminaryOrbBonus };
}

function overlay(bodies: Chart["bodies"], other: Chart): HouseOverlay[] | null {
  if (other.houses === null) return null;
  const cusps = other.houses.cusps;
  return bodies.map((b) => ({ body: b.id, house: houseOf(b.longitude, cusps) }));
}

/**
 * Synastry between two charts: every aspect from a body of `a` to a body of `b` (applying when
 * the two, moving at their natal speeds, close the orb), and each chart's bodies placed in the
 * other's houses.
 */
export function computeSynastry(a: Chart, b: Chart, options?: SynastryOptions): Synastry {
  return guarded("computeSynastry", () => {
    assertChartPair(a, b);
    const settings = synastrySettings(options);
    const aspects: SynastryAspect[] = [];
    const order = (id: BodyId) => BODY_IDS.indexOf(id);
    const bodiesA = [...a.bodies].sort((x, y) => order(x.id) - order(y.id));
    const bodiesB = [...b.bodies].sort((x, y) => order(x.id) - order(y.id));
    for (const p of bodiesA) {
      for (const q of bodiesB) {
        const aspect = aspectBetween(aspectPoint(p), aspectPoint(q), settings);
        if (aspect !== null) aspects.push(aspect);
      }
    }
    return {
      aspects,
      aInB: overlay(bodiesA, b),
      bInA: overlay(bodiesB, a),
      meta: { engineVersion: ENGINE_VERSION },
    };
  });
}
