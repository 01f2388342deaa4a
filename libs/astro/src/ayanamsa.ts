import { RAD } from "./angle-math.js";
import { eqjToMeanEcliptic, meanObliquity } from "./sky-frame.js";

/** Sidereal zodiac definitions the engine supports. */
export const AYANAMSAS = ["lahiri", "faganBradley", "raman", "krishnamurti"] as const;
export type Ayanamsa = (typeof AYANAMSAS)[number];

interface AyanamsaDefinition {
  /** Reference epoch, Julian Date. */
  readonly epochJd: number;
  /** Ayanamsa at the reference epoch, degrees. */
  readonly valueAtEpoch: number;
}

// The conventional definitions, as tabulated in the Swiss Ephemeris documentation: the
// ayanamsa's value at a reference epoch, carried to other dates by precession.
const DEFINITIONS: Record<Ayanamsa, AyanamsaDefinition> = {
  // Indian Astronomical Ephemeris: 23°15′00.658″ on 1956-03-21, with the IAE's later correction.
  lahiri: { epochJd: 2435553.5, valueAtEpoch: 23.250182778 - 0.004658035 },
  // Fagan and Bradley's synetic vernal point, 1950.
  faganBradley: { epochJd: 2433282.42346, valueAtEpoch: 24.042044444 },
  raman: { epochJd: 2415020.0, valueAtEpoch: 360 - 338.98556 },
  krishnamurti: { epochJd: 2415020.0, valueAtEpoch: 360 - 337.636111 },
};

export function isAyanamsa(value: unknown): value is Ayanamsa {
  return typeof value === "string" && (AYANAMSAS as readonly string[]).includes(value);
}

const epochFrames = new Map<Ayanamsa, Float64Array>();

/**
 * Mean ayanamsa (without nutation) in degrees at `t` Julian centuries TT from J2000: the
 * reference value plus the precession of the equinox of date, measured along the ecliptic of the
 * reference epoch (the vernal point of date carried into that ecliptic).
 */
export function meanAyanamsa(ayanamsa: Ayanamsa, t: number): number {
  const def = DEFINITIONS[ayanamsa];
  let epochFrame = epochFrames.get(ayanamsa);
  if (epochFrame === undefined) {
    const t0 = (def.epochJd - 2451545) / 36525;
    epochFrame = eqjToMeanEcliptic(t0, meanObliquity(t0));
    epochFrames.set(ayanamsa, epochFrame);
  }
  // The equinox of date is the x axis of the mean ecliptic of date; in EQJ it is the first
  // row of that rotation.
  const ofDate = eqjToMeanEcliptic(t, meanObliquity(t));
  const vx = ofDate[0]!;
  const vy = ofDate[1]!;
  const vz = ofDate[2]!;
  const x = epochFrame[0]! * vx + epochFrame[1]! * vy + epochFrame[2]! * vz;
  const y = epochFrame[3]! * vx + epochFrame[4]! * vy + epochFrame[5]! * vz;
  return def.valueAtEpoch - Math.atan2(y, x) * RAD;
}
