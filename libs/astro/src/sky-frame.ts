import { AstroTime, DeltaT_JplHorizons, SetDeltaTFunction } from "astronomy-engine";
import { ARCSEC, normalizeRadians, TWO_PI } from "./angle-math.js";
import { nutationIau2000b } from "./nutation-iau2000b.js";

// astronomy-engine's default ΔT model runs away after 2005 (it reaches ~200 s by 2100, which
// moves the Moon by more than a minute of arc); the JPL Horizons model holds ΔT near its measured
// value instead and keeps the Moon within a few arcseconds of Swiss Ephemeris. The setting is
// global to astronomy-engine, so it is made exactly once, when this module loads.
SetDeltaTFunction(DeltaT_JplHorizons);

const DAYS_PER_CENTURY = 36525;

/**
 * Everything about the Earth's orientation that every body, angle and house at one instant
 * shares. It is computed once per chart.
 */
export interface SkyFrame {
  readonly time: AstroTime;
  /** UT, days since J2000.0 (2000-01-01T12:00Z). */
  readonly ut: number;
  /** TT, days since J2000.0. */
  readonly tt: number;
  /** TT, Julian centuries since J2000.0. */
  readonly t: number;
  readonly deltaTSeconds: number;
  /** Nutation in longitude and its rate, radians and radians/day. */
  readonly dpsi: number;
  readonly dpsiRate: number;
  readonly meanObliquity: number;
  readonly trueObliquity: number;
  /** Row-major rotation from J2000 mean equator (EQJ) to mean ecliptic and equinox of date. */
  readonly eqjToEcliptic: Float64Array;
  /** Rate of general precession in longitude, radians/day. */
  readonly precessionRate: number;
  /** Greenwich apparent sidereal time, radians. */
  readonly gast: number;
}

/** Mean obliquity of the ecliptic, IAU 2006 (Capitaine et al. 2003), radians. */
export function meanObliquity(t: number): number {
  return (
    (84381.406 +
      t *
        (-46.836769 + t * (-0.0001831 + t * (0.0020034 + t * (-0.000000576 - 0.0000000434 * t))))) *
    ARCSEC
  );
}

function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      m[i * 3 + j] = a[i * 3]! * b[j]! + a[i * 3 + 1]! * b[3 + j]! + a[i * 3 + 2]! * b[6 + j]!;
    }
  }
  return m;
}

/** Frame rotation about the x axis (a positive angle turns the axes, not the vector). */
function rotX(angle: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return Float64Array.of(1, 0, 0, 0, c, s, 0, -s, c);
}

function rotZ(angle: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return Float64Array.of(c, s, 0, -s, c, 0, 0, 0, 1);
}

/**
 * IAU 2006 (P03) precession from the J2000 mean equator to the mean ecliptic of date, as the
 * product R1(εA)·R3(χA)·R1(−ωA)·R3(−ψA)·R1(ε0). astronomy-engine rotates the Moon and the
 * VSOP87 planets into EQJ with the same model, so the round trip adds no error.
 */
export function eqjToMeanEcliptic(t: number, epsA: number): Float64Array {
  const eps0 = 84381.406 * ARCSEC;
  const psiA =
    t * (5038.481507 + t * (-1.0790069 + t * (-0.00114045 + t * (0.000132851 - 0.0000000951 * t))));
  const omegaA =
    84381.406 +
    t * (-0.025754 + t * (0.0512623 + t * (-0.00772503 + t * (-0.000000467 + 0.0000003337 * t))));
  const chiA =
    t * (10.556403 + t * (-2.3814292 + t * (-0.00121197 + t * (0.000170663 - 0.000000056 * t))));
  let m = rotX(eps0);
  m = multiply(rotZ(-psiA * ARCSEC), m);
  m = multiply(rotX(-omegaA * ARCSEC), m);
  m = multiply(rotZ(chiA * ARCSEC), m);
  return multiply(rotX(epsA), m);
}

/** Earth rotation angle (IERS 2003), radians, from UT1 days since J2000 (UT1 ≈ UTC here). */
function earthRotationAngle(ut: number): number {
  const frac = ut - Math.floor(ut);
  return normalizeRadians(TWO_PI * (frac + 0.779057273264 + 0.00273781191135448 * ut));
}

export function skyFrameAt(ut: number): SkyFrame {
  const time = new AstroTime(ut);
  const tt = time.tt;
  const t = tt / DAYS_PER_CENTURY;
  const nut = nutationIau2000b(t);
  const epsA = meanObliquity(t);
  const gmst =
    earthRotationAngle(ut) +
    (0.014506 +
      t *
        (4612.156534 +
          t * (1.3915817 + t * (-0.00000044 + t * (-0.000029956 - 0.0000000368 * t))))) *
      ARCSEC;
  // The equation of the equinoxes' complementary terms stay below 3 mas and are left out.
  const gast = normalizeRadians(gmst + nut.dpsi * Math.cos(epsA));
  return {
    time,
    ut,
    tt,
    t,
    deltaTSeconds: (tt - ut) * 86400,
    dpsi: nut.dpsi,
    dpsiRate: nut.dpsiRate,
    meanObliquity: epsA,
    trueObliquity: epsA + nut.deps,
    eqjToEcliptic: eqjToMeanEcliptic(t, epsA),
    precessionRate: ((5028.796195 + 2 * 1.1054348 * t) * ARCSEC) / DAYS_PER_CENTURY,
    gast,
  };
}
