import { DEG, normalizeDegrees, RAD, roundTo } from "./angle-math.js";
import { utFromMs } from "./angular-series.js";
import type { Aspect } from "./aspects.js";
import { type AspectPoint, type AspectSettings, aspectBetween } from "./aspects.js";
import { meanAyanamsa } from "./ayanamsa.js";
import { computeBalance } from "./balance.js";
import { LUMINARIES } from "./body-ids.js";
import { prepareChartInput } from "./chart-input.js";
import type {
  Chart,
  ChartAngles,
  ChartBody,
  ChartHouses,
  ChartInput,
  ChartPoint,
  NormalizedChartInput,
  Warning,
} from "./chart-types.js";
import { formatOffset, formatUtc } from "./civil-time.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { computePositions } from "./ephemeris.js";
import { guarded } from "./errors.js";
import { computeHouses } from "./houses.js";
import { moonPhaseOf } from "./moon-phase.js";
import { type SkyFrame, skyFrameAt } from "./sky-frame.js";
import { signOf } from "./zodiac.js";

/** Output precision: 1e-6° is 0.0036″, far below the ephemeris error, and keeps JSON short. */
const DECIMALS = 6;

/** A longitude rounded to the output precision, in [0, 360). */
export function outputLongitude(deg: number): number {
  return normalizeDegrees(roundTo(normalizeDegrees(deg), DECIMALS));
}

/** The right ascension of the meridian (radians) whose midheaven is at a tropical longitude. */
export function armcOfMidheaven(midheavenDeg: number, obliquity: number): number {
  const mc = midheavenDeg * DEG;
  return Math.atan2(Math.sin(mc) * Math.cos(obliquity), Math.cos(mc));
}

/** The angles of a house computation: the ascendant, the midheaven, their opposites, the vertex. */
export function anglesOf(g: { ascendant: number; midheaven: number; vertex: number }): ChartAngles {
  const asc = outputLongitude(g.ascendant);
  const mc = outputLongitude(g.midheaven);
  return {
    ascendant: chartPoint(asc),
    midheaven: chartPoint(mc),
    descendant: chartPoint(outputLongitude(asc + 180)),
    imumCoeli: chartPoint(outputLongitude(mc + 180)),
    vertex: chartPoint(outputLongitude(g.vertex)),
  };
}

export function chartPoint(longitude: number): ChartPoint {
  const sign = signOf(longitude);
  return { longitude, sign, degreeInSign: roundTo(longitude % 30, DECIMALS) };
}

/** The house (1–12) whose cusp a longitude passed most recently. */
export function houseOf(longitude: number, cusps: readonly number[]): number {
  let best = 0;
  let bestArc = 361;
  for (let i = 0; i < 12; i++) {
    const arc = normalizeDegrees(longitude - cusps[i]!);
    if (arc < bestArc) {
      bestArc = arc;
      best = i;
    }
  }
  return best + 1;
}

export function aspectSettings(input: NormalizedChartInput): AspectSettings {
  return {
    types: input.aspectTypes,
    orbs: input.orbs,
    luminaryOrbBonus: input.luminaryOrbBonus,
  };
}

export function aspectPoint(body: ChartBody): AspectPoint {
  return {
    id: body.id,
    longitude: body.longitude,
    speed: body.speed,
    luminary: LUMINARIES.includes(body.id),
  };
}

/** Aspects among a chart's bodies; both nodes mark one axis, so they are not paired. */
export function chartAspects(bodies: readonly ChartBody[], settings: AspectSettings): Aspect[] {
  const aspects: Aspect[] = [];
  const points = bodies.map(aspectPoint);
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const p = points[i]!;
      const q = points[j]!;
      if (p.id === "meanNode" && q.id === "trueNode") continue;
      const aspect = aspectBetween(p, q, settings);
      if (aspect !== null) aspects.push(aspect);
    }
  }
  return aspects;
}

/**
 * Computes a chart from an unvalidated input. `armcOf`, when given, replaces the sidereal time
 * of the place (ARMC, radians) from which angles and houses are drawn: progressions and
 * composites draw them from a derived midheaven instead.
 */
export function buildChart(
  input: unknown,
  armcOf?: (frame: SkyFrame, zodiacShift: number) => number,
): Chart {
  const { normalized, time } = prepareChartInput(input);
  const frame = skyFrameAt(utFromMs(time.epochMs));
  const positions = computePositions(frame, normalized.bodies);
  // The phase needs both luminaries, placed or not.
  const luminaries = LUMINARIES.filter((id) => !positions.has(id));
  const extra = luminaries.length === 0 ? positions : computePositions(frame, luminaries);
  const moonPhase = moonPhaseOf(
    positions.get("sun") ?? extra.get("sun")!,
    positions.get("moon") ?? extra.get("moon")!,
  );
  const ayanamsa =
    normalized.ayanamsa === null
      ? null
      : meanAyanamsa(normalized.ayanamsa, frame.t) + frame.dpsi * RAD;
  const shift = ayanamsa ?? 0;
  const warnings: Warning[] = [...time.warnings];

  let houses: ChartHouses | null = null;
  let angles: ChartAngles | null = null;
  if (!normalized.timeUnknown && normalized.houseSystem !== null) {
    const armc =
      armcOf === undefined ? frame.gast + normalized.longitude * DEG : armcOf(frame, shift);
    const g = computeHouses(
      normalized.houseSystem,
      armc,
      normalized.latitude,
      frame.trueObliquity,
      shift,
    );
    houses = {
      system: normalized.houseSystem,
      systemUsed: g.systemUsed,
      cusps: g.cusps.map(outputLongitude),
    };
    angles = anglesOf(g);
    if (g.systemUsed !== normalized.houseSystem) {
      warnings.push({
        code: "HOUSE_SYSTEM_FALLBACK",
        message: `${normalized.houseSystem} houses are undefined at latitude ${normalized.latitude} (inside the polar circle); ${g.systemUsed} houses were used`,
      });
    }
  }

  const bodies: ChartBody[] = normalized.bodies.map((id) => {
    const p = positions.get(id)!;
    const longitude = outputLongitude(p.longitude - shift);
    const speed = roundTo(p.speed, DECIMALS);
    const { sign, degreeInSign } = chartPoint(longitude);
    return {
      id,
      longitude,
      latitude: roundTo(p.latitude, DECIMALS),
      speed,
      retrograde: speed < 0,
      sign,
      degreeInSign,
      house: houses === null ? null : houseOf(longitude, houses.cusps),
    };
  });

  return {
    input: normalized,
    bodies,
    angles,
    houses,
    aspects: chartAspects(bodies, aspectSettings(normalized)),
    balance: computeBalance(bodies, angles),
    moonPhase,
    meta: {
      utc: formatUtc(time.epochMs),
      offsetUsed: formatOffset(time.offsetSeconds),
      tzdbVersion: normalized.timezone === null ? null : (process.versions.tz ?? null),
      deltaTSeconds: roundTo(frame.deltaTSeconds, 3),
      ayanamsaDegrees: ayanamsa === null ? null : roundTo(ayanamsa, DECIMALS),
      engineVersion: ENGINE_VERSION,
      warnings,
    },
  };
}

/** Computes a natal chart. Throws AstroError, and only AstroError, for invalid input. */
export function computeChart(input: ChartInput): Chart {
  return guarded("computeChart", () => buildChart(input));
}

/** Validates and canonicalizes a chart input without computing the chart. */
export function normalizeChartInput(input: ChartInput): NormalizedChartInput {
  return guarded("normalizeChartInput", () => prepareChartInput(input).normalized);
}
