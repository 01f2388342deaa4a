import { RAD, signedDegreeDifference } from "./angle-math.js";
import { type Ayanamsa, meanAyanamsa } from "./ayanamsa.js";
import type { BodyId } from "./body-ids.js";
import { computePositions } from "./ephemeris.js";
import { type SkyFrame, skyFrameAt } from "./sky-frame.js";

export const J2000_MS = Date.UTC(2000, 0, 1, 12);
export const MS_PER_DAY = 86_400_000;

export const utFromMs = (ms: number) => (ms - J2000_MS) / MS_PER_DAY;
export const msFromUt = (ut: number) => ut * MS_PER_DAY + J2000_MS;

/**
 * One sample of an angle that moves continuously: its value unwrapped (it may run past 360°,
 * or below 0°, so that the samples join up) and its rate, in degrees and degrees per day.
 */
export interface AngleSample {
  readonly t: number;
  readonly value: number;
  readonly rate: number;
}

/** The sidereal shift at a frame and its rate, degrees and degrees/day (0 for tropical). */
export function zodiacShift(frame: SkyFrame, ayanamsa: Ayanamsa | null): [number, number] {
  if (ayanamsa === null) return [0, 0];
  return [
    meanAyanamsa(ayanamsa, frame.t) + frame.dpsi * RAD,
    (frame.precessionRate + frame.dpsiRate) * RAD,
  ];
}

/** A body's apparent longitude in the zodiac asked for, and its speed, at one instant (UT days). */
export function longitudeAt(
  id: BodyId,
  ut: number,
  ayanamsa: Ayanamsa | null,
): { longitude: number; speed: number } {
  const frame = skyFrameAt(ut);
  const p = computePositions(frame, [id]).get(id)!;
  const [shift, rate] = zodiacShift(frame, ayanamsa);
  return { longitude: p.longitude - shift, speed: p.speed - rate };
}

/**
 * Longitudes (and speeds) of several bodies sampled over [t0, t1], each body at its own step;
 * steps that divide one another share the sky frame of common instants. Every series starts at
 * t0 and ends exactly at t1.
 */
export function sampleLongitudes(
  bodies: readonly BodyId[],
  t0: number,
  t1: number,
  stepOf: (id: BodyId) => number,
  ayanamsa: Ayanamsa | null,
): Map<BodyId, AngleSample[]> {
  const byTime = new Map<number, BodyId[]>();
  for (const id of bodies) {
    const step = stepOf(id);
    const n = Math.max(1, Math.ceil((t1 - t0) / step - 1e-9));
    for (let k = 0; k <= n; k++) {
      const t = k === n ? t1 : t0 + k * step;
      const list = byTime.get(t);
      if (list === undefined) byTime.set(t, [id]);
      else list.push(id);
    }
  }
  const raw = new Map<BodyId, { t: number; lon: number; speed: number }[]>(
    bodies.map((id) => [id, []]),
  );
  for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
    const ids = byTime.get(t)!;
    const frame = skyFrameAt(t);
    const [shift, rate] = zodiacShift(frame, ayanamsa);
    const positions = computePositions(frame, ids);
    for (const id of ids) {
      const p = positions.get(id)!;
      raw.get(id)!.push({ t, lon: p.longitude - shift, speed: p.speed - rate });
    }
  }
  const out = new Map<BodyId, AngleSample[]>();
  for (const [id, samples] of raw) out.set(id, unwrap(samples.map((s) => [s.t, s.lon, s.speed])));
  return out;
}

/** Joins angles (any branch) into a continuous series; no step may move 180° or more. */
export function unwrap(samples: readonly (readonly [number, number, number])[]): AngleSample[] {
  const out: AngleSample[] = [];
  let previous = 0;
  for (const [t, angle, rate] of samples) {
    const value = out.length === 0 ? angle : previous + signedDegreeDifference(previous, angle);
    out.push({ t, value, rate });
    previous = value;
  }
  return out;
}

/** A moment when a series passes a level, or turns. */
export interface LevelCrossing {
  readonly t: number;
  /** Index into the levels given. */
  readonly level: number;
  /** +1 when the series rises through the level, −1 when it falls. */
  readonly direction: 1 | -1;
}

export interface Turn {
  readonly t: number;
  /** The series' value there, unwrapped. */
  readonly value: number;
  /** −1: it stops rising and starts falling (a retrograde station); +1: the reverse. */
  readonly direction: 1 | -1;
}

/** Cubic Hermite polynomial of one interval in s ∈ [0, 1]: a s³ + b s² + c s + d. */
interface Cubic {
  readonly t0: number;
  readonly h: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

function cubicOf(p: AngleSample, q: AngleSample): Cubic {
  const h = q.t - p.t;
  const m0 = p.rate * h;
  const m1 = q.rate * h;
  return {
    t0: p.t,
    h,
    d: p.value,
    c: m0,
    b: 3 * (q.value - p.value) - 2 * m0 - m1,
    a: 2 * (p.value - q.value) + m0 + m1,
  };
}

const valueAt = (k: Cubic, s: number) => ((k.a * s + k.b) * s + k.c) * s + k.d;

/** Where the cubic's slope vanishes inside (0, 1), ascending. */
function turningPoints(k: Cubic): number[] {
  const qa = 3 * k.a;
  const qb = 2 * k.b;
  const qc = k.c;
  const roots: number[] = [];
  if (Math.abs(qa) < 1e-15) {
    if (Math.abs(qb) > 1e-15) roots.push(-qc / qb);
  } else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc > 0) {
      const r = Math.sqrt(disc);
      // The numerically stable pair of roots.
      const q = -0.5 * (qb + Math.sign(qb || 1) * r);
      roots.push(q / qa, qc / q);
    }
  }
  return roots.filter((s) => s > 0 && s < 1).sort((x, y) => x - y);
}

/** The s in [lo, hi] where a monotonic piece of the cubic equals `target` (bisection, then exact). */
function solveOnPiece(k: Cubic, lo: number, hi: number, target: number): number {
  let a = lo;
  let b = hi;
  const rising = valueAt(k, hi) > valueAt(k, lo);
  for (let i = 0; i < 52 && b - a > 1e-12; i++) {
    const mid = (a + b) / 2;
    if (valueAt(k, mid) < target === rising) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/**
 * Every crossing of the given levels (degrees, any value; each stands for itself plus every
 * multiple of 360°) and every turn of a sampled series, found on the cubic Hermite
 * interpolation of the samples (values and rates). With exact rates and steps short against
 * the motion's periods, the interpolation is good to well under an arcsecond.
 * A series that touches a level from below and falls back counts as two crossings; one that
 * starts exactly on a level does not cross it at the start.
 */
export function findCrossings(
  samples: readonly AngleSample[],
  levels: readonly number[],
): { crossings: LevelCrossing[]; turns: Turn[] } {
  const sorted = levels
    .map((v, i) => ({ v: ((v % 360) + 360) % 360, i }))
    .sort((x, y) => x.v - y.v);
  const crossings: LevelCrossing[] = [];
  const turns: Turn[] = [];
  for (let j = 0; j + 1 < samples.length; j++) {
    const k = cubicOf(samples[j]!, samples[j + 1]!);
    const cuts = [0, ...turningPoints(k), 1];
    for (let p = 0; p + 1 < cuts.length; p++) {
      const s0 = cuts[p]!;
      const s1 = cuts[p + 1]!;
      const v0 = valueAt(k, s0);
      const v1 = valueAt(k, s1);
      if (p > 0) {
        turns.push({ t: k.t0 + s0 * k.h, value: v0, direction: v1 > v0 ? 1 : -1 });
      }
      if (v0 === v1) continue;
      const rising = v1 > v0;
      const lo = Math.min(v0, v1);
      const hi = Math.max(v0, v1);
      // A rising piece crosses L when v0 < L ≤ v1, a falling one when v1 < L ≤ v0.
      for (let turn = Math.floor(lo / 360); turn * 360 <= hi; turn++) {
        const base = turn * 360;
        for (const { v, i } of sorted) {
          const level = base + v;
          if (level <= lo) continue;
          if (level > hi) break;
          const s = solveOnPiece(k, s0, s1, level);
          crossings.push({ t: k.t0 + s * k.h, level: i, direction: rising ? 1 : -1 });
        }
      }
    }
  }
  crossings.sort((x, y) => x.t - y.t || x.level - y.level);
  return { crossings, turns };
}

/** Newton steps on exact positions: a crossing time polished until the angle is within 1e-6″. */
export function polishCrossing(
  evaluate: (t: number) => { value: number; rate: number },
  t: number,
  level: number,
): number {
  let time = t;
  for (let i = 0; i < 6; i++) {
    const { value, rate } = evaluate(time);
    const miss = signedDegreeDifference(level, value);
    if (Math.abs(miss) < 1e-6 / 3600 || rate === 0) break;
    time -= miss / rate;
  }
  return time;
}

/**
 * A root of f in [a, b], where f(a) and f(b) have opposite signs (Illinois regula falsi),
 * to within `tolerance` of t; null when the bracket holds no sign change.
 */
export function findRoot(
  f: (t: number) => number,
  a: number,
  b: number,
  tolerance: number,
): number | null {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) return null;
  let side = 0;
  for (let i = 0; i < 60; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (fc === 0 || Math.abs(b - a) < tolerance) return c;
    if (fc > 0 === fb > 0) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}
