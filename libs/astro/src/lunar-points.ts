import { DEG, normalizeDegrees, normalizeRadians, RAD } from "./angle-math.js";
import type { ApparentPosition } from "./ephemeris.js";
import type { SkyFrame } from "./sky-frame.js";

// Mean inclination of the lunar orbit to the ecliptic (Chapront-Touzé & Chapront, ELP 2000).
const MEAN_INCLINATION = 5.1453964 * DEG;
const DAYS_PER_CENTURY = 36525;

/** Value and rate (per century) of a polynomial in T with coefficients c[0] + c[1]T + … */
function polynomial(c: readonly number[], t: number): [number, number] {
  let value = 0;
  let rate = 0;
  for (let i = c.length - 1; i >= 0; i--) {
    rate = rate * t + value;
    value = value * t + c[i]!;
  }
  return [value, rate];
}

// Mean longitudes referred to the mean equinox of date (Meeus, Astronomical Algorithms, 2nd ed.,
// eq. 47.7 for the ascending node and ch. 50 for the perigee), degrees and T in centuries (TT).
const MEAN_NODE = [125.0445479, -1934.1362891, 0.0020754, 1 / 467441, -1 / 60616000];
const MEAN_PERIGEE = [83.3532465, 4069.0137287, -0.01032, -1 / 80053, 1 / 18999000];

export interface MeanLunarPoints {
  readonly meanNode: ApparentPosition;
  /** Mean lunar apogee, "Black Moon Lilith". */
  readonly meanApogee: ApparentPosition;
}

export function meanLunarPoints(frame: SkyFrame): MeanLunarPoints {
  const [node, nodeRate] = polynomial(MEAN_NODE, frame.t);
  const [perigee, perigeeRate] = polynomial(MEAN_PERIGEE, frame.t);
  const dpsi = frame.dpsi * RAD;
  const dpsiRate = frame.dpsiRate * RAD;

  // The apogee lies on the inclined mean orbit, 180° from the perigee; its mean longitude is
  // reckoned along the orbit from the node, so it is projected onto the ecliptic (as Swiss
  // Ephemeris does), which moves it by up to 6′ and gives it a latitude of up to ±5.1°.
  const u = (perigee + 180 - node) * DEG;
  const uRate = ((perigeeRate - nodeRate) * DEG) / DAYS_PER_CENTURY;
  const cosI = Math.cos(MEAN_INCLINATION);
  const su = Math.sin(u);
  const cu = Math.cos(u);
  const along = Math.atan2(su * cosI, cu);
  const alongRate = (uRate * cosI) / (cu * cu + su * su * cosI * cosI);

  return {
    meanNode: {
      longitude: normalizeDegrees(node + dpsi),
      latitude: 0,
      speed: nodeRate / DAYS_PER_CENTURY + dpsiRate,
    },
    meanApogee: {
      longitude: normalizeDegrees(node + along * RAD + dpsi),
      latitude: Math.asin(su * Math.sin(MEAN_INCLINATION)) * RAD,
      speed: nodeRate / DAYS_PER_CENTURY + alongRate * RAD + dpsiRate,
    },
  };
}

type Vec3 = readonly [number, number, number];

/**
 * The osculating ("true") ascending node: where the plane of the Moon's instantaneous geocentric
 * orbit, spanned by its position r and velocity v, crosses the ecliptic of date. Its rate comes
 * from d(r × v)/dt = r × a. Inputs are geometric and in the mean ecliptic of date.
 */
export function trueNode(frame: SkyFrame, r: Vec3, v: Vec3, a: Vec3): ApparentPosition {
  const hx = r[1] * v[2] - r[2] * v[1];
  const hy = r[2] * v[0] - r[0] * v[2];
  const dhx = r[1] * a[2] - r[2] * a[1];
  const dhy = r[2] * a[0] - r[0] * a[2];
  const omega = Math.atan2(hx, -hy);
  const omegaRate = (hx * dhy - dhx * hy) / (hx * hx + hy * hy);
  return {
    longitude: normalizeRadians(omega + frame.dpsi) * RAD,
    latitude: 0,
    speed: (omegaRate + frame.precessionRate + frame.dpsiRate) * RAD,
  };
}
