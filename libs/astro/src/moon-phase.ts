import {
  type AstroTime,
  NextGlobalSolarEclipse,
  NextLunarEclipse,
  SearchGlobalSolarEclipse,
  SearchLunarEclipse,
} from "astronomy-engine";
import { DEG, normalizeDegrees, roundTo } from "./angle-math.js";
import {
  findCrossings,
  msFromUt,
  polishCrossing,
  unwrap,
  utFromMs,
  zodiacShift,
} from "./angular-series.js";
import { type Ayanamsa, isAyanamsa } from "./ayanamsa.js";
import { isPlainObject } from "./chart-input.js";
import { ENGINE_VERSION } from "./engine-version.js";
import type { ApparentPosition } from "./ephemeris.js";
import { computePositions } from "./ephemeris.js";
import { AstroError, guarded } from "./errors.js";
import { formatInstant, parseRange } from "./instants.js";
import { skyFrameAt } from "./sky-frame.js";
import { type Sign, signOf } from "./zodiac.js";

/** The eight phases, each centred on its angle: "new" spans 337.5°–22.5° of elongation. */
export const MOON_PHASE_NAMES = [
  "new",
  "waxingCrescent",
  "firstQuarter",
  "waxingGibbous",
  "full",
  "waningGibbous",
  "lastQuarter",
  "waningCrescent",
] as const;
export type MoonPhaseName = (typeof MOON_PHASE_NAMES)[number];

export interface MoonPhase {
  name: MoonPhaseName;
  /** Elongation: the Moon's longitude minus the Sun's, degrees [0, 360). */
  angle: number;
  /** Illuminated fraction of the disc, 0–1. */
  illumination: number;
}

// Mean distances: the phase angle depends on them by under 0.01°, so means are enough.
const MOON_DISTANCE_AU = 384_400 / 149_597_870.7;

/** The phase from the Sun's and Moon's apparent longitudes and the Moon's latitude (degrees). */
export function moonPhaseOf(sun: ApparentPosition, moon: ApparentPosition): MoonPhase {
  const angle = normalizeDegrees(moon.longitude - sun.longitude);
  // Geocentric Sun–Moon angle ψ, then the phase angle seen from the Moon (Meeus, ch. 48).
  const cosPsi = Math.cos(moon.latitude * DEG) * Math.cos(angle * DEG);
  const psi = Math.acos(Math.max(-1, Math.min(1, cosPsi)));
  const phaseAngle = Math.atan2(Math.sin(psi), MOON_DISTANCE_AU - Math.cos(psi));
  const rounded = roundTo(angle, 6);
  return {
    name: MOON_PHASE_NAMES[Math.floor(normalizeDegrees(rounded + 22.5) / 45) % 8]!,
    angle: rounded === 360 ? 0 : rounded,
    illumination: roundTo((1 + Math.cos(phaseAngle)) / 2, 6),
  };
}

export const MAX_MOON_PHASE_RANGE_DAYS = 366;

export type LunationPhase = "new" | "firstQuarter" | "full" | "lastQuarter";
const LUNATION_PHASES: readonly LunationPhase[] = ["new", "firstQuarter", "full", "lastQuarter"];

export type MoonEvent =
  | {
      type: "phase";
      phase: LunationPhase;
      /** The instant, to the second. */
      utc: string;
      /** The Moon's longitude then, in the zodiac asked for. */
      longitude: number;
      sign: Sign;
    }
  | {
      type: "lunarEclipse";
      kind: "penumbral" | "partial" | "total";
      /** Greatest eclipse. */
      utc: string;
    }
  | {
      type: "solarEclipse";
      kind: "partial" | "annular" | "total";
      /** Greatest eclipse. */
      utc: string;
      /** Where the central line is at greatest eclipse; absent for partial eclipses. */
      latitude?: number;
      longitude?: number;
    };

export interface MoonPhaseOptions {
  from: string;
  to: string;
  zodiac?: "tropical" | "sidereal";
  /** Only with zodiac "sidereal"; default "lahiri". */
  ayanamsa?: Ayanamsa;
}

export interface MoonPhases {
  from: string;
  to: string;
  events: MoonEvent[];
  meta: { engineVersion: string; method: string };
}

function moonPhaseOptions(options: unknown) {
  if (!isPlainObject(options)) {
    throw new AstroError("INVALID_INPUT", "", "options must be an object with from and to");
  }
  for (const key of Object.keys(options)) {
    if (!["from", "to", "zodiac", "ayanamsa"].includes(key)) {
      throw new AstroError(
        "INVALID_OPTION",
        key,
        `unknown moon phase option ${JSON.stringify(key)}`,
      );
    }
  }
  const { fromMs, toMs } = parseRange(options.from, options.to, MAX_MOON_PHASE_RANGE_DAYS);
  const zodiac = options.zodiac ?? "tropical";
  if (zodiac !== "tropical" && zodiac !== "sidereal") {
    throw new AstroError("UNKNOWN_ZODIAC", "zodiac", `zodiac must be "tropical" or "sidereal"`);
  }
  if (options.ayanamsa !== undefined && !isAyanamsa(options.ayanamsa)) {
    throw new AstroError("UNKNOWN_AYANAMSA", "ayanamsa", "ayanamsa is not supported");
  }
  if (options.ayanamsa !== undefined && zodiac === "tropical") {
    throw new AstroError("INVALID_OPTION", "ayanamsa", "ayanamsa applies only to zodiac sidereal");
  }
  const ayanamsa: Ayanamsa | null =
    zodiac === "sidereal" ? ((options.ayanamsa as Ayanamsa | undefined) ?? "lahiri") : null;
  return { fromMs, toMs, ayanamsa };
}

// A day: the interpolation is then within about 0.5″ (the Moon's), and each instant is polished
// on exact positions afterwards.
const ELONGATION_STEP_DAYS = 1;

function sunAndMoon(ut: number) {
  const frame = skyFrameAt(ut);
  const p = computePositions(frame, ["sun", "moon"]);
  return { frame, sun: p.get("sun")!, moon: p.get("moon")! };
}

/** Lunation phases in [fromMs, toMs]: instants when the elongation is 0°, 90°, 180° or 270°. */
export function lunationPhases(
  fromMs: number,
  toMs: number,
): { t: number; phase: LunationPhase }[] {
  const t0 = utFromMs(fromMs);
  const t1 = utFromMs(toMs);
  const raw: [number, number, number][] = [];
  const n = Math.max(1, Math.ceil((t1 - t0) / ELONGATION_STEP_DAYS));
  for (let k = 0; k <= n; k++) {
    const t = k === n ? t1 : t0 + k * ELONGATION_STEP_DAYS;
    const { sun, moon } = sunAndMoon(t);
    raw.push([t, moon.longitude - sun.longitude, moon.speed - sun.speed]);
  }
  const { crossings } = findCrossings(unwrap(raw), [0, 90, 180, 270]);
  const elongation = (t: number) => {
    const { sun, moon } = sunAndMoon(t);
    return { value: moon.longitude - sun.longitude, rate: moon.speed - sun.speed };
  };
  return crossings
    .map((c) => ({
      t: polishCrossing(elongation, c.t, c.level * 90),
      phase: LUNATION_PHASES[c.level]!,
    }))
    .filter((c) => c.t >= t0 && c.t <= t1);
}

/** Each eclipse of one kind from the first after `from`, peaking no later than `toMs`. */
function* peaksUntil<E extends { peak: AstroTime }>(
  first: E,
  next: (peak: AstroTime) => E,
  toMs: number,
): Generator<E & { ms: number }> {
  for (let e = first; e.peak.date.getTime() <= toMs; e = next(e.peak)) {
    yield Object.assign(e, { ms: e.peak.date.getTime() });
  }
}

function eclipses(fromMs: number, toMs: number): { ms: number; event: MoonEvent }[] {
  const out: { ms: number; event: MoonEvent }[] = [];
  const start = new Date(fromMs);
  for (const { ms, kind } of peaksUntil(SearchLunarEclipse(start), NextLunarEclipse, toMs)) {
    out.push({
      ms,
      event: {
        type: "lunarEclipse",
        kind: kind as "penumbral" | "partial" | "total",
        utc: formatInstant(ms),
      },
    });
  }
  const solar = peaksUntil(SearchGlobalSolarEclipse(start), NextGlobalSolarEclipse, toMs);
  for (const { ms, kind, latitude, longitude } of solar) {
    out.push({
      ms,
      event: {
        type: "solarEclipse",
        kind: kind as "partial" | "annular" | "total",
        utc: formatInstant(ms),
        ...(latitude === undefined || longitude === undefined
          ? {}
          : { latitude: roundTo(latitude, 2), longitude: roundTo(longitude, 2) }),
      },
    });
  }
  return out;
}

/**
 * New, first-quarter, full and last-quarter Moons from `from` to `to` (at most a year), each
 * to the second with the Moon's place, and the eclipses astronomy-engine finds, ordered by time.
 */
export function listMoonPhases(options: MoonPhaseOptions): MoonPhases {
  return guarded("listMoonPhases", () => {
    const { fromMs, toMs, ayanamsa } = moonPhaseOptions(options);
    const events: { ms: number; event: MoonEvent }[] = lunationPhases(fromMs, toMs).map(
      ({ t, phase }) => {
        const { frame, moon } = sunAndMoon(t);
        const longitude = roundTo(
          normalizeDegrees(moon.longitude - zodiacShift(frame, ayanamsa)[0]),
          6,
        );
        const ms = msFromUt(t);
        return {
          ms,
          event: {
            type: "phase",
            phase,
            utc: formatInstant(ms),
            longitude,
            sign: signOf(longitude),
          },
        };
      },
    );
    events.push(...eclipses(fromMs, toMs).filter((e) => e.ms >= fromMs));
    events.sort((a, b) => a.ms - b.ms);
    return {
      from: formatInstant(fromMs),
      to: formatInstant(toMs),
      events: events.map((e) => e.event),
      meta: {
        engineVersion: ENGINE_VERSION,
        method:
          "phases: apparent geocentric elongation of the Moon from the Sun equal to 0°, 90°, 180° or 270°, solved on the engine's own positions; eclipses: astronomy-engine (greatest eclipse)",
      },
    };
  });
}
