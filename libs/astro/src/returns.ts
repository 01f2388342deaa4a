import {
  findCrossings,
  longitudeAt,
  msFromUt,
  polishCrossing,
  sampleLongitudes,
  utFromMs,
} from "./angular-series.js";
import { buildChart } from "./chart.js";
import { inputAt, knownKeys, placeFrom } from "./chart-moments.js";
import type { Chart, Warning } from "./chart-types.js";
import { assertChart } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { AstroError, guarded } from "./errors.js";
import { checkInstantRange, parseInstant } from "./instants.js";

export const RETURN_TYPES = ["solar", "lunar"] as const;
export type ReturnType = (typeof RETURN_TYPES)[number];

export interface ReturnOptions {
  type: ReturnType;
  /** The return nearest this date or instant is found ("2025-06-01" or an ISO instant). */
  near: string;
  /** Where the return chart is cast; default the birth place (and its zone). */
  latitude?: number;
  longitude?: number;
  timezone?: string;
  utcOffset?: string;
}

export interface ChartReturn {
  type: ReturnType;
  /** The exact instant, to the millisecond. */
  utc: string;
  /** The natal longitude the Sun or Moon returns to, in the natal zodiac. */
  natalLongitude: number;
  /** The full chart of the return instant at the place asked for. */
  chart: Chart;
  meta: { engineVersion: string; method: string; warnings: Warning[] };
}

const BODY: Record<ReturnType, "sun" | "moon"> = { solar: "sun", lunar: "moon" };
// Half the mean period, plus a margin so that a return on either side of `near` is seen.
const SEARCH_HALF_WIDTH_DAYS: Record<ReturnType, number> = { solar: 190, lunar: 15 };
const SAMPLE_STEP_DAYS: Record<ReturnType, number> = { solar: 4, lunar: 1 };

/**
 * The solar or lunar return nearest `near`: the instant the Sun (or Moon) is back at its natal
 * longitude, found on the engine's own positions to 1e-6″, and the chart for that instant.
 */
export function computeReturn(natal: Chart, options: ReturnOptions): ChartReturn {
  return guarded("computeReturn", () => {
    assertChart(natal, "natal");
    const given = knownKeys(
      options,
      ["type", "near", "latitude", "longitude", "timezone", "utcOffset"],
      "return",
    );
    const type = given.type as ReturnType;
    if (!RETURN_TYPES.includes(type)) {
      throw new AstroError("INVALID_OPTION", "type", `type must be "solar" or "lunar"`);
    }
    const nearMs = parseInstant(given.near, "near");
    const place = placeFrom(given, natal);
    const body = BODY[type];
    const natalBody = natal.bodies.find((b) => b.id === body);
    if (natalBody === undefined) {
      throw new AstroError("INVALID_CHART", "natal", `the natal chart has no ${body} to return to`);
    }
    const target = natalBody.longitude;
    const ayanamsa = natal.input.ayanamsa;
    const half = SEARCH_HALF_WIDTH_DAYS[type];
    const near = utFromMs(nearMs);
    checkInstantRange(msFromUt(near - half), "near");
    checkInstantRange(msFromUt(near + half), "near");

    const samples = sampleLongitudes(
      [body],
      near - half,
      near + half,
      () => SAMPLE_STEP_DAYS[type],
      ayanamsa,
    ).get(body)!;
    const { crossings } = findCrossings(samples, [target]);
    // The Sun and Moon never station: every crossing is a return.
    const nearest = crossings.reduce((best, c) =>
      Math.abs(c.t - near) < Math.abs(best.t - near) ? c : best,
    );
    const t = polishCrossing(
      (time) => {
        const p = longitudeAt(body, time, ayanamsa);
        return { value: p.longitude, rate: p.speed };
      },
      nearest.t,
      target,
    );
    const ms = msFromUt(t);
    let chart: Chart;
    try {
      chart = buildChart(inputAt(natal, ms, place));
    } catch (error) {
      // A bad place names its own field; the instant itself is the engine's.
      if (error instanceof AstroError && error.field === "datetime") {
        throw new AstroError(error.code, "near", error.message);
      }
      throw error;
    }
    const warnings: Warning[] = [];
    if (natal.input.timeUnknown) {
      warnings.push({
        code: "NATAL_TIME_UNKNOWN",
        message: `the birth time is unknown, so the natal ${body === "sun" ? "Sun" : "Moon"} and with it the return instant are uncertain (noon was used)`,
      });
    }
    return {
      type,
      utc: new Date(Math.round(ms)).toISOString(),
      natalLongitude: target,
      chart,
      meta: {
        engineVersion: ENGINE_VERSION,
        method: `the instant the apparent geocentric longitude of the ${body === "sun" ? "Sun" : "Moon"} equals its natal value (in the natal zodiac), found by root finding to within 1e-6″`,
        warnings,
      },
    };
  });
}
