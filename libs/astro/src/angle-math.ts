export const DEG = Math.PI / 180;
export const RAD = 180 / Math.PI;
export const ARCSEC = DEG / 3600;
export const TWO_PI = 2 * Math.PI;

/** Degrees into [0, 360). */
export function normalizeDegrees(deg: number): number {
  const r = deg % 360;
  // `r + 360` can round up to exactly 360 for tiny negative r.
  return r < 0 ? (r + 360) % 360 : r;
}

/** Radians into [0, 2π). */
export function normalizeRadians(rad: number): number {
  const r = rad % TWO_PI;
  return r < 0 ? (r + TWO_PI) % TWO_PI : r;
}

/** Signed difference b − a in degrees, in (−180, 180]. */
export function signedDegreeDifference(a: number, b: number): number {
  const d = normalizeDegrees(b - a);
  return d > 180 ? d - 360 : d;
}

/** Rounds to a fixed number of decimals so that JSON output is stable and compact. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  // Math.round(-0.4) is -0, which JSON prints as 0 but Object.is would not treat as 0.
  return r === 0 ? 0 : r;
}
