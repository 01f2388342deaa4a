import { roundTo, signedDegreeDifference } from "./angle-math.js";
import { ASPECT_ANGLES, type AspectType } from "./aspect-types.js";

/** A point taking part in aspects: longitude in degrees, speed in degrees/day. */
export interface AspectPoint {
  readonly id: string;
  readonly longitude: number;
  readonly speed: number;
  readonly luminary: boolean;
}

export interface AspectSettings {
  readonly types: readonly AspectType[];
  readonly orbs: Readonly<Partial<Record<AspectType, number>>>;
  readonly luminaryOrbBonus: number;
}

export interface Aspect {
  readonly a: string;
  readonly b: string;
  readonly type: AspectType;
  readonly exactAngle: number;
  /** |separation − exactAngle|, degrees. */
  readonly orb: number;
  /** True while the orb is shrinking, judged from the two points' speeds. */
  readonly applying: boolean;
}

/**
 * The closest aspect between two points within orb, or null. Separation is the shorter arc,
 * so it lies in [0, 180] and the result does not depend on the order of the pair.
 */
export function aspectBetween(
  p: AspectPoint,
  q: AspectPoint,
  settings: AspectSettings,
): Aspect | null {
  const delta = signedDegreeDifference(p.longitude, q.longitude);
  const separation = Math.abs(delta);
  const bonus = p.luminary || q.luminary ? settings.luminaryOrbBonus : 0;
  let best: AspectType | null = null;
  let bestOrb = Number.POSITIVE_INFINITY;
  for (const type of settings.types) {
    const orb = Math.abs(separation - ASPECT_ANGLES[type]);
    const allowed = (settings.orbs[type] ?? 0) + bonus;
    if (orb <= allowed && orb < bestOrb) {
      best = type;
      bestOrb = orb;
    }
  }
  if (best === null) return null;
  const exact = ASPECT_ANGLES[best];
  // d(separation)/dt is the relative speed, signed by which side q lies on.
  const separationRate = (delta < 0 ? -1 : 1) * (q.speed - p.speed);
  const orbRate = (separation < exact ? -1 : 1) * separationRate;
  return {
    a: p.id,
    b: q.id,
    type: best,
    exactAngle: exact,
    orb: roundTo(bestOrb, 6),
    applying: bestOrb > 0 && orbRate < 0,
  };
}
