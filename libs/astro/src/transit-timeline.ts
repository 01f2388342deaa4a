import { normalizeDegrees, roundTo, signedDegreeDifference } from "./angle-math.js";
import {
  type AngleSample,
  findCrossings,
  findRoot,
  longitudeAt,
  msFromUt,
  sampleLongitudes,
  utFromMs,
} from "./angular-series.js";
import { ASPECT_ANGLES, type AspectType, DEFAULT_TRANSIT_ORBS, MAX_ORB } from "./aspect-types.js";
import type { Ayanamsa } from "./ayanamsa.js";
import { BODY_IDS, type BodyId, PLANET_IDS } from "./body-ids.js";
import { bodiesOption, parseAspectSettings } from "./chart-input.js";
import { knownKeys } from "./chart-moments.js";
import type { Chart } from "./chart-types.js";
import { assertChart } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { AstroError, guarded } from "./errors.js";
import { formatInstant, parseRange } from "./instants.js";
import type { NatalTarget } from "./transits.js";
import { SIGNS, type Sign, signOf } from "./zodiac.js";

export const MAX_TIMELINE_DAYS = 366;

export interface TransitTimelineOptions {
  /** Start of the range: a date (midnight UTC) or an instant. */
  from: string;
  /** End of the range, at most MAX_TIMELINE_DAYS after `from`. */
  to: string;
  /** Transiting bodies; default the planets from the Sun to Pluto without the Moon. */
  bodies?: BodyId[];
  /** Default the five major aspects. */
  aspectTypes?: AspectType[];
  /** One orb for every aspect type, degrees; default DEFAULT_TRANSIT_ORBS. */
  orb?: number;
  /** Orbs per aspect type, over `orb`. */
  orbs?: Partial<Record<AspectType, number>>;
}

export type TimelineEvent =
  | {
      type: "aspect";
      transit: BodyId;
      natal: NatalTarget;
      aspect: AspectType;
      exactAngle: number;
      orb: number;
      /** When the orb is entered; null when already in orb at `from`. */
      enters: string | null;
      /** Each moment the aspect is exact while in orb: several when a station brings it back. */
      exact: string[];
      /** When the orb is left; null when still in orb at `to`. */
      leaves: string | null;
    }
  | {
      type: "ingress";
      body: BodyId;
      /** The sign entered. */
      sign: Sign;
      utc: string;
      /** Entered moving backwards. */
      retrograde: boolean;
    }
  | {
      type: "station";
      body: BodyId;
      /** "retrograde": the body stops and turns back; "direct": it resumes forward motion. */
      direction: "retrograde" | "direct";
      utc: string;
      longitude: number;
      sign: Sign;
    };

export interface TransitTimeline {
  from: string;
  to: string;
  natalUtc: string;
  /** Ordered by each event's first instant (an aspect's `enters`, or `from` when it was already in orb). */
  events: TimelineEvent[];
  meta: {
    engineVersion: string;
    bodies: BodyId[];
    aspectTypes: AspectType[];
    orbs: Partial<Record<AspectType, number>>;
    method: string;
  };
}

const DEFAULT_BODIES = PLANET_IDS.filter((id) => id !== "moon");

// Steps that keep the interpolated longitudes within about 1.5″ of the exact ones (measured
// over 2023–2024): the Moon, Mercury and the true node move irregularly, the rest smoothly.
function stepOf(id: BodyId): number {
  if (id === "moon" || id === "mercury" || id === "trueNode") return 1;
  if (id === "venus") return 4;
  return 8;
}

interface Window {
  readonly natal: NatalTarget;
  readonly aspect: AspectType;
  readonly centre: number;
  readonly orb: number;
}

type LevelRole = { window: number; edge: -1 | 0 | 1 } | { sign: number };

function timelineOptions(options: unknown) {
  const given = knownKeys(
    options,
    ["from", "to", "bodies", "aspectTypes", "orb", "orbs"],
    "transit timeline",
  );
  const { fromMs, toMs } = parseRange(given.from, given.to, MAX_TIMELINE_DAYS);
  const bodies = bodiesOption(given.bodies, "bodies", DEFAULT_BODIES);
  let defaults: Readonly<Record<AspectType, number>> = DEFAULT_TRANSIT_ORBS;
  if (given.orb !== undefined) {
    const orb = given.orb;
    if (typeof orb !== "number" || !Number.isFinite(orb) || orb <= 0 || orb > MAX_ORB) {
      throw new AstroError(
        "INVALID_ORB",
        "orb",
        `orb must be a number of degrees above 0 up to ${MAX_ORB}`,
      );
    }
    defaults = Object.fromEntries(Object.keys(DEFAULT_TRANSIT_ORBS).map((t) => [t, orb])) as Record<
      AspectType,
      number
    >;
  }
  const { aspectTypes, orbs } = parseAspectSettings(given, "", {
    orbs: defaults,
    luminaryOrbBonus: 0,
  });
  return { fromMs, toMs, bodies, aspectTypes, orbs };
}

/** Each aspect's windows around the natal targets: one per side, one for 0° and 180°. */
function aspectWindows(
  natal: Chart,
  aspectTypes: readonly AspectType[],
  orbs: Partial<Record<AspectType, number>>,
): Window[] {
  const targets: { id: NatalTarget; longitude: number }[] = natal.bodies.map((b) => ({
    id: b.id,
    longitude: b.longitude,
  }));
  if (natal.angles !== null) {
    targets.push(
      { id: "ascendant", longitude: natal.angles.ascendant.longitude },
      { id: "midheaven", longitude: natal.angles.midheaven.longitude },
    );
  }
  const windows: Window[] = [];
  for (const target of targets) {
    for (const aspect of aspectTypes) {
      const angle = ASPECT_ANGLES[aspect];
      const sides = angle === 0 || angle === 180 ? [angle] : [angle, -angle];
      for (const side of sides) {
        windows.push({
          natal: target.id,
          aspect,
          centre: normalizeDegrees(target.longitude + side),
          orb: orbs[aspect]!,
        });
      }
    }
  }
  return windows;
}

interface Timed {
  readonly t: number;
  readonly order: number;
  readonly event: TimelineEvent;
}

function bodyEvents(
  body: BodyId,
  samples: readonly AngleSample[],
  windows: readonly Window[],
  t0: number,
  t1: number,
  ayanamsa: Ayanamsa | null,
): Timed[] {
  const levels: number[] = [];
  const roles: LevelRole[] = [];
  windows.forEach((w, i) => {
    for (const edge of [-1, 0, 1] as const) {
      levels.push(w.centre + edge * w.orb);
      roles.push({ window: i, edge });
    }
  });
  for (let s = 0; s < 12; s++) {
    levels.push(s * 30);
    roles.push({ sign: s });
  }
  const { crossings, turns } = findCrossings(samples, levels);
  const out: Timed[] = [];
  const instant = (t: number) => formatInstant(msFromUt(t));

  // Inside a window means centre − orb ≤ longitude < centre + orb, as the crossings count it.
  const start = samples[0]!.value;
  const inside = windows.map((w) => {
    const d = signedDegreeDifference(w.centre, start);
    return d >= -w.orb && d < w.orb;
  });
  const open = windows.map((w, i) =>
    inside[i] ? { t: t0, enters: null as string | null, exact: [] as string[], w } : null,
  );
  const close = (i: number, leaves: string | null) => {
    const period = open[i]!;
    out.push({
      t: period.t,
      order: 0,
      event: {
        type: "aspect",
        transit: body,
        natal: period.w.natal,
        aspect: period.w.aspect,
        exactAngle: ASPECT_ANGLES[period.w.aspect],
        orb: period.w.orb,
        enters: period.enters,
        exact: period.exact,
        leaves,
      },
    });
    open[i] = null;
  };

  for (const c of crossings) {
    const role = roles[c.level]!;
    if ("sign" in role) {
      const entered = c.direction === 1 ? role.sign : (role.sign + 11) % 12;
      out.push({
        t: c.t,
        order: 1,
        event: {
          type: "ingress",
          body,
          sign: SIGNS[entered]!,
          utc: instant(c.t),
          retrograde: c.direction === -1,
        },
      });
      continue;
    }
    const i = role.window;
    if (role.edge === 0) {
      open[i]?.exact.push(instant(c.t));
      continue;
    }
    // Rising through the lower edge or falling through the upper one enters the window.
    const entering = (role.edge === -1) === (c.direction === 1);
    if (entering && open[i] === null) {
      open[i] = { t: c.t, enters: instant(c.t), exact: [], w: windows[i]! };
    } else if (!entering && open[i] !== null) {
      close(i, instant(c.t));
    }
  }
  open.forEach((period, i) => {
    if (period !== null) close(i, null);
  });
  for (const turn of turns) {
    // A station is where the speed changes sign: found on exact speeds, since the
    // interpolation's slope is less exact than its value.
    const t =
      findRoot(
        (time) => longitudeAt(body, time, ayanamsa).speed,
        turn.t - 0.5,
        turn.t + 0.5,
        1e-6,
      ) ?? turn.t;
    if (t < t0 || t > t1) continue;
    const longitude = roundTo(normalizeDegrees(longitudeAt(body, t, ayanamsa).longitude), 6);
    out.push({
      t,
      order: 2,
      event: {
        type: "station",
        body,
        direction: turn.direction === -1 ? "retrograde" : "direct",
        utc: instant(t),
        longitude,
        sign: signOf(longitude),
      },
    });
  }
  return out;
}

/**
 * Every aspect the transiting bodies make to the natal bodies and angles between `from` and
 * `to` (at most a year), with the instants each orb is entered, the aspect is exact and the orb
 * is left; and each transiting body's sign ingresses and stations. Positions are sampled at a
 * step fitted to each body and interpolated (cubic Hermite on longitudes and speeds), and each
 * instant is the root of that interpolation: within about 1.5″ of the exact positions.
 */
export function computeTransitTimeline(
  natal: Chart,
  options: TransitTimelineOptions,
): TransitTimeline {
  return guarded("computeTransitTimeline", () => {
    assertChart(natal, "natal");
    const { fromMs, toMs, bodies, aspectTypes, orbs } = timelineOptions(options);
    const t0 = utFromMs(fromMs);
    const t1 = utFromMs(toMs);
    const windows = aspectWindows(natal, aspectTypes, orbs);
    const series = sampleLongitudes(bodies, t0, t1, stepOf, natal.input.ayanamsa);
    const timed: Timed[] = [];
    for (const body of bodies)
      timed.push(...bodyEvents(body, series.get(body)!, windows, t0, t1, natal.input.ayanamsa));
    const rank = (e: TimelineEvent) => {
      const id = e.type === "aspect" ? e.transit : e.body;
      return BODY_IDS.indexOf(id);
    };
    timed.sort((x, y) => x.t - y.t || x.order - y.order || rank(x.event) - rank(y.event));
    return {
      from: formatInstant(fromMs),
      to: formatInstant(toMs),
      natalUtc: natal.meta.utc,
      events: timed.map((x) => x.event),
      meta: {
        engineVersion: ENGINE_VERSION,
        bodies,
        aspectTypes,
        orbs,
        method:
          "apparent geocentric longitudes sampled every 1 to 8 days per body and interpolated (cubic Hermite on longitude and speed); enters, exact and leaves instants, ingresses and stations are roots of that interpolation, within about 1.5″",
      },
    };
  });
}
