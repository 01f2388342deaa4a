import { normalizeDegrees, roundTo, signedDegreeDifference } from "./angle-math.js";
import { utFromMs } from "./angular-series.js";
import { DEFAULT_LUMINARY_ORB_BONUS, DEFAULT_ORBS } from "./aspect-types.js";
import type { Ayanamsa } from "./ayanamsa.js";
import { computeBalance } from "./balance.js";
import { BODY_IDS } from "./body-ids.js";
import {
  anglesOf,
  armcOfMidheaven,
  buildChart,
  chartAspects,
  chartPoint,
  houseOf,
  outputLongitude,
} from "./chart.js";
import { type AspectSettingsInput, parseAspectSettings } from "./chart-input.js";
import { inputAt, knownKeys } from "./chart-moments.js";
import type {
  Aspect,
  Balance,
  Chart,
  ChartAngles,
  ChartBody,
  ChartHouses,
  Warning,
} from "./chart-types.js";
import { assertChartPair } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { AstroError, guarded } from "./errors.js";
import { computeHouses } from "./houses.js";
import { skyFrameAt } from "./sky-frame.js";
import type { Zodiac } from "./zodiac.js";

export const COMPOSITE_METHODS = ["midpoint", "davison"] as const;
export type CompositeMethod = (typeof COMPOSITE_METHODS)[number];

export interface CompositeOptions {
  method: CompositeMethod;
  /** Aspects among the composite bodies; defaults as for natal charts. */
  aspectTypes?: Chart["input"]["aspectTypes"];
  orbs?: Chart["input"]["orbs"];
  luminaryOrbBonus?: number;
}

/** A midpoint composite: no instant or place of its own, so no input, phase or time meta. */
export interface MidpointComposite {
  zodiac: Zodiac;
  ayanamsa: Ayanamsa | null;
  bodies: ChartBody[];
  angles: ChartAngles | null;
  houses: ChartHouses | null;
  aspects: Aspect[];
  balance: Balance;
}

export type Composite =
  | {
      method: "midpoint";
      chart: MidpointComposite;
      meta: { engineVersion: string; description: string; warnings: Warning[] };
    }
  | {
      method: "davison";
      /** The chart of the midpoint in time and space. */
      chart: Chart;
      midpoint: { utc: string; latitude: number; longitude: number };
      meta: { engineVersion: string; description: string; warnings: Warning[] };
    };

/**
 * The midpoint of two longitudes on the shorter arc between them. Points exactly opposite have
 * two; the one in [0°, 180°) is taken, so that the order of the two does not matter.
 */
export function nearerMidpoint(a: number, b: number): number {
  const d = signedDegreeDifference(a, b);
  if (Math.abs(d) === 180) return normalizeDegrees(Math.min(a, b) + 90) % 180;
  return normalizeDegrees(a + d / 2);
}

function midpointChart(a: Chart, b: Chart, settings: AspectSettingsInput): MidpointComposite {
  const timed = a.angles !== null && b.angles !== null;
  let houses: ChartHouses | null = null;
  let angles: ChartAngles | null = null;
  if (timed) {
    // Houses from the composite midheaven, at the mean latitude, with the obliquity of the
    // mean instant; the ascendant follows from them rather than being a midpoint itself.
    const mc = nearerMidpoint(a.angles!.midheaven.longitude, b.angles!.midheaven.longitude);
    const meanMs = (Date.parse(a.meta.utc) + Date.parse(b.meta.utc)) / 2;
    const frame = skyFrameAt(utFromMs(meanMs));
    const shift = a.meta.ayanamsaDegrees ?? 0;
    const system = a.input.houseSystem ?? "placidus";
    const latitude = (a.input.latitude + b.input.latitude) / 2;
    const g = computeHouses(
      system,
      armcOfMidheaven(normalizeDegrees(mc + shift), frame.trueObliquity),
      latitude,
      frame.trueObliquity,
      shift,
    );
    houses = { system, systemUsed: g.systemUsed, cusps: g.cusps.map(outputLongitude) };
    angles = anglesOf(g);
  }
  const byB = new Map(b.bodies.map((body) => [body.id, body]));
  const bodies: ChartBody[] = [];
  for (const id of BODY_IDS) {
    const p = a.bodies.find((body) => body.id === id);
    const q = byB.get(id);
    if (p === undefined || q === undefined) continue;
    const longitude = outputLongitude(nearerMidpoint(p.longitude, q.longitude));
    const speed = roundTo((p.speed + q.speed) / 2, 6);
    const point = chartPoint(longitude);
    bodies.push({
      id,
      longitude,
      latitude: roundTo((p.latitude + q.latitude) / 2, 6),
      speed,
      retrograde: speed < 0,
      sign: point.sign,
      degreeInSign: point.degreeInSign,
      house: houses === null ? null : houseOf(longitude, houses.cusps),
    });
  }
  return {
    zodiac: a.input.zodiac,
    ayanamsa: a.input.ayanamsa,
    bodies,
    angles,
    houses,
    aspects: chartAspects(bodies, {
      types: settings.aspectTypes,
      orbs: settings.orbs,
      luminaryOrbBonus: settings.luminaryOrbBonus,
    }),
    balance: computeBalance(bodies, angles),
  };
}

/**
 * A relationship chart of two natal charts: `midpoint`, the composite of the nearer midpoints
 * of each pair of bodies with houses drawn from the composite midheaven; or `davison`, the
 * real chart of the moment halfway between the births at the place halfway between them.
 */
export function computeComposite(a: Chart, b: Chart, options: CompositeOptions): Composite {
  return guarded("computeComposite", () => {
    assertChartPair(a, b);
    const given = knownKeys(
      options,
      ["method", "aspectTypes", "orbs", "luminaryOrbBonus"],
      "composite",
    );
    const method = given.method as CompositeMethod;
    if (!COMPOSITE_METHODS.includes(method)) {
      throw new AstroError("INVALID_OPTION", "method", `method must be "midpoint" or "davison"`);
    }
    const settings = parseAspectSettings(given, "", {
      orbs: DEFAULT_ORBS,
      luminaryOrbBonus: DEFAULT_LUMINARY_ORB_BONUS,
    });
    const warnings: Warning[] = [];
    if (a.input.timeUnknown || b.input.timeUnknown) {
      warnings.push({
        code: "NATAL_TIME_UNKNOWN",
        message:
          method === "midpoint"
            ? "a birth time is unknown, so the composite has no angles or houses and its Moon is uncertain"
            : "a birth time is unknown (noon was used), so the midpoint instant is uncertain by up to six hours",
      });
    }
    if (method === "midpoint") {
      return {
        method,
        chart: midpointChart(a, b, settings),
        meta: {
          engineVersion: ENGINE_VERSION,
          description:
            "each body at the midpoint of its two natal longitudes on the shorter arc; midheaven at the midpoint of the two midheavens, ascendant and cusps drawn from it at the mean birth latitude",
          warnings,
        },
      };
    }
    const ms = (Date.parse(a.meta.utc) + Date.parse(b.meta.utc)) / 2;
    const latitude = roundTo((a.input.latitude + b.input.latitude) / 2, 6);
    let longitude = roundTo(
      normalizeDegrees(nearerMidpoint(a.input.longitude + 180, b.input.longitude + 180)) - 180,
      6,
    );
    if (longitude === -180) longitude = 180;
    const chart = buildChart({
      ...inputAt(
        a,
        ms,
        { latitude, longitude },
        { timeUnknown: a.input.timeUnknown && b.input.timeUnknown },
      ),
      ...settings,
    });
    return {
      method,
      chart,
      midpoint: { utc: chart.meta.utc, latitude, longitude },
      meta: {
        engineVersion: ENGINE_VERSION,
        description:
          "the chart of the instant halfway between the two births, at the mean latitude and the midpoint of the longitudes on the shorter arc (wall time in UTC)",
        warnings,
      },
    };
  });
}
