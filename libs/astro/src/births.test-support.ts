import type { ChartInput } from "./index.js";

// Births the unit tests share, so that a test about something else does not carry its own copy
// of one. Each local wall time is read in a zone: a fixed offset ("+01:00") or an IANA name.
function born(datetime: string, zone: string, latitude: number, longitude: number): ChartInput {
  const reading = /^[+-]/.test(zone) ? { utcOffset: zone } : { timezone: zone };
  return { datetime, ...reading, latitude, longitude };
}

/** Liverpool in wartime British Summer Time, given as a fixed offset. */
export const LIVERPOOL_1940 = born("1940-10-09T18:30", "+01:00", 53.4167, -2.9167);
export const LIVERPOOL_1942 = born("1942-06-18T14:00", "Europe/London", 53.4, -2.98);
export const LONDON_1990 = born("1990-06-15T12:30", "Europe/London", 51.5074, -0.1278);
export const NEW_YORK_1992 = born("1992-03-01T08:00", "America/New_York", 40.7, -74);

/**
 * Deterministic pseudo-random births (a linear congruential sequence from `seed`): local times
 * over `years` from `firstYear` read at UTC, latitudes from `south` over `latitudeSpan`, any
 * longitude, and about one in seven without a birth time.
 */
export function randomBirths(
  count: number,
  range: { seed: number; firstYear: number; years: number; south: number; latitudeSpan: number },
): ChartInput[] {
  let state = range.seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const pad = (n: number) => String(n).padStart(2, "0");
  return Array.from({ length: count }, () => ({
    datetime: `${range.firstYear + Math.floor(next() * range.years)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}T${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}`,
    utcOffset: "+00:00",
    latitude: range.south + next() * range.latitudeSpan,
    longitude: -180 + next() * 360,
    timeUnknown: next() < 0.15,
  }));
}
