import { normalizeDegrees, roundTo, signedDegreeDifference } from "./angle-math.js";
import { armcOfMidheaven, buildChart } from "./chart.js";
import { inputAt, knownKeys, natalPlace } from "./chart-moments.js";
import type { Chart } from "./chart-types.js";
import { assertChart } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { computePositions } from "./ephemeris.js";
import { AstroError, guarded } from "./errors.js";
import { parseInstant } from "./instants.js";

export interface ProgressionOptions {
  /** The date (or instant) the chart is progressed to. */
  date: string;
}

/** A tropical year in days (mean, J2000): one day after birth stands for one such year. */
export const PROGRESSION_YEAR_DAYS = 365.24219;

export interface Progressions {
  /** The date progressed to, as an instant. */
  date: string;
  /** The instant whose planets are the progressed planets: birth plus one day per year of age. */
  progressedUtc: string;
  /** Years from birth to `date`. */
  ageYears: number;
  /** Progressed Sun minus natal Sun, degrees: the arc the angles are advanced by. */
  solarArc: number | null;
  method: {
    positions: "secondary";
    yearDays: number;
    angles: "solarArcMc" | null;
    description: string;
  };
  /** Progressed planets; angles and houses (when the birth time is known) by solar arc. */
  chart: Chart;
  meta: { engineVersion: string };
}

/**
 * Secondary progressions: the planets of the day that is as many days after birth as the
 * native is years old. The angles are advanced by the solar arc (the progressed Sun's
 * distance from the natal Sun) added to the natal midheaven; the ascendant and cusps follow
 * from that midheaven at the birth latitude, in the natal house system.
 */
export function computeProgressions(natal: Chart, options: ProgressionOptions): Progressions {
  return guarded("computeProgressions", () => {
    assertChart(natal, "natal");
    const given = knownKeys(options, ["date"], "progression");
    const dateMs = parseInstant(given.date, "date");
    const natalMs = Date.parse(natal.meta.utc);
    const ageDays = (dateMs - natalMs) / 86_400_000;
    const progressedMs = natalMs + (ageDays / PROGRESSION_YEAR_DAYS) * 86_400_000;
    const natalSun = natal.bodies.find((b) => b.id === "sun");
    const timed = natal.angles !== null && natal.houses !== null;
    if (timed && natalSun === undefined) {
      throw new AstroError("INVALID_CHART", "natal", "solar-arc angles need the natal Sun");
    }
    let solarArc: number | null = null;
    const natalMc = natal.angles?.midheaven.longitude ?? 0;
    const chart = buildChart(
      inputAt(natal, progressedMs, natalPlace(natal), { timeUnknown: !timed }),
      timed
        ? (frame, shift) => {
            const sun = computePositions(frame, ["sun"]).get("sun")!;
            solarArc = signedDegreeDifference(natalSun!.longitude, sun.longitude - shift);
            // The arc is measured in the chart's zodiac; the ARMC needs the tropical midheaven.
            return armcOfMidheaven(
              normalizeDegrees(natalMc + solarArc + shift),
              frame.trueObliquity,
            );
          }
        : undefined,
    );
    return {
      date: new Date(dateMs).toISOString().replace(".000Z", "Z"),
      progressedUtc: chart.meta.utc,
      ageYears: roundTo(ageDays / PROGRESSION_YEAR_DAYS, 6),
      solarArc: solarArc === null ? null : roundTo(normalizeDegrees(solarArc), 6),
      method: {
        positions: "secondary",
        yearDays: PROGRESSION_YEAR_DAYS,
        angles: timed ? "solarArcMc" : null,
        description: timed
          ? `secondary progressions (one day after birth for each year of ${PROGRESSION_YEAR_DAYS} days); angles by solar arc: the natal midheaven advanced by the progressed Sun's arc, the ascendant and cusps drawn from it at the birth latitude`
          : `secondary progressions (one day after birth for each year of ${PROGRESSION_YEAR_DAYS} days); no angles, the birth time being unknown`,
      },
      chart,
      meta: { engineVersion: ENGINE_VERSION },
    };
  });
}
