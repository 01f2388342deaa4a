import { AstroTime, Body, GeoMoon, HelioState, type StateVector } from "astronomy-engine";
import { normalizeRadians, RAD } from "./angle-math.js";
import type { BodyId } from "./body-ids.js";
import { meanLunarPoints, trueNode } from "./lunar-points.js";
import type { SkyFrame } from "./sky-frame.js";

/** Apparent geocentric ecliptic position of date (tropical), degrees and degrees/day. */
export interface ApparentPosition {
  readonly longitude: number;
  readonly latitude: number;
  readonly speed: number;
}

const C_AU_PER_DAY = 173.1446326846693;
const GM_SUN = 0.2959122082855911e-3; // AU³/day²
// Step for the Moon's finite differences. Its series has no analytic derivative; 0.01 day keeps
// the truncation error of the differences below 1e-9 rad while staying far above rounding noise.
const MOON_STEP_DAYS = 0.01;

const HELIO_BODIES: Partial<Record<BodyId, Body>> = {
  mercury: Body.Mercury,
  venus: Body.Venus,
  mars: Body.Mars,
  jupiter: Body.Jupiter,
  saturn: Body.Saturn,
  uranus: Body.Uranus,
  neptune: Body.Neptune,
  pluto: Body.Pluto,
};

/** A geocentric position and velocity in the mean ecliptic of date (AU, AU/day). */
type Vec6 = [number, number, number, number, number, number];

function toEcliptic(frame: SkyFrame, x: number, y: number, z: number): [number, number, number] {
  const m = frame.eqjToEcliptic;
  return [
    m[0]! * x + m[1]! * y + m[2]! * z,
    m[3]! * x + m[4]! * y + m[5]! * z,
    m[6]! * x + m[7]! * y + m[8]! * z,
  ];
}

/** Spherical apparent position of date from a mean-ecliptic state (adds nutation and precession rate). */
function apparent(frame: SkyFrame, s: Vec6): ApparentPosition {
  const [x, y, z, vx, vy] = s;
  const rho2 = x * x + y * y;
  const lon = Math.atan2(y, x) + frame.dpsi;
  const lat = Math.atan2(z, Math.sqrt(rho2));
  const lonRate = (x * vy - y * vx) / rho2 + frame.precessionRate + frame.dpsiRate;
  return { longitude: normalizeRadians(lon) * RAD, latitude: lat * RAD, speed: lonRate * RAD };
}

/**
 * Position at t − τ from the state at t: the body has moved along its (Keplerian, to second
 * order) path during the light time τ. Returns position and velocity at t − τ.
 */
function backdate(s: StateVector, tau: number): Vec6 {
  const r = Math.hypot(s.x, s.y, s.z);
  const k = -GM_SUN / (r * r * r);
  const h = 0.5 * tau * tau * k;
  return [
    s.x - tau * s.vx + h * s.x,
    s.y - tau * s.vy + h * s.y,
    s.z - tau * s.vz + h * s.z,
    s.vx - tau * k * s.x,
    s.vy - tau * k * s.y,
    s.vz - tau * k * s.z,
  ];
}

/**
 * Apparent geocentric direction of a heliocentric body: the geometric vector from the Earth to
 * the body, both taken one light time τ earlier. Backdating the Earth too is the classical
 * "planetary aberration" shortcut; it equals light time plus annual aberration to first order
 * in v/c (within 0.01″), which is how astronomy-engine's GeoVector(…, aberration=true) works.
 */
function geocentric(earth: StateVector, body: StateVector | null): Vec6 {
  let tau = 0;
  let g: Vec6 = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const e = backdate(earth, tau);
    const b = body === null ? null : backdate(body, tau);
    g =
      b === null
        ? [-e[0], -e[1], -e[2], -e[3], -e[4], -e[5]]
        : [b[0] - e[0], b[1] - e[1], b[2] - e[2], b[3] - e[3], b[4] - e[4], b[5] - e[5]];
    tau = Math.hypot(g[0], g[1], g[2]) / C_AU_PER_DAY;
  }
  // d/dt of the backdated position carries the factor (1 − dτ/dt).
  const dist = Math.hypot(g[0], g[1], g[2]);
  const f = 1 - (g[0] * g[3] + g[1] * g[4] + g[2] * g[5]) / (dist * C_AU_PER_DAY);
  return [g[0], g[1], g[2], g[3] * f, g[4] * f, g[5] * f];
}

function rotateState(frame: SkyFrame, s: Vec6): Vec6 {
  const p = toEcliptic(frame, s[0], s[1], s[2]);
  const v = toEcliptic(frame, s[3], s[4], s[5]);
  return [p[0], p[1], p[2], v[0], v[1], v[2]];
}

/** The Moon's geometric geocentric position, velocity and acceleration (EQJ) by differences. */
function moonKinematics(frame: SkyFrame): {
  r: [number, number, number];
  v: [number, number, number];
  a: [number, number, number];
} {
  const h = MOON_STEP_DAYS;
  const m0 = GeoMoon(frame.time);
  const m1 = GeoMoon(new AstroTime(frame.ut - h));
  const m2 = GeoMoon(new AstroTime(frame.ut + h));
  return {
    r: [m0.x, m0.y, m0.z],
    v: [(m2.x - m1.x) / (2 * h), (m2.y - m1.y) / (2 * h), (m2.z - m1.z) / (2 * h)],
    a: [
      (m2.x - 2 * m0.x + m1.x) / (h * h),
      (m2.y - 2 * m0.y + m1.y) / (h * h),
      (m2.z - 2 * m0.z + m1.z) / (h * h),
    ],
  };
}

/**
 * Apparent positions and speeds of the requested bodies. The Earth's state is computed once;
 * each planet's heliocentric state (position and analytic velocity) once; the Moon's series
 * three times (its velocity and acceleration come from differences, the true node needs both).
 */
export function computePositions(
  frame: SkyFrame,
  bodies: readonly BodyId[],
): Map<BodyId, ApparentPosition> {
  const out = new Map<BodyId, ApparentPosition>();
  const needsEarth = bodies.some((b) => b === "sun" || HELIO_BODIES[b] !== undefined);
  const earth = needsEarth ? HelioState(Body.Earth, frame.time) : null;
  const needsMoon = bodies.includes("moon") || bodies.includes("trueNode");
  const moon = needsMoon ? moonKinematics(frame) : null;
  const lunar =
    bodies.includes("meanNode") || bodies.includes("lilith") ? meanLunarPoints(frame) : null;

  for (const id of bodies) {
    if (id === "sun") {
      out.set(id, apparent(frame, rotateState(frame, geocentric(earth!, null))));
    } else if (id === "moon") {
      const { r, v, a } = moon!;
      // Light time (~1.3 s) only: annual aberration cancels against the Earth's own motion
      // during the light time for a body that travels with the Earth.
      const tau = Math.hypot(r[0], r[1], r[2]) / C_AU_PER_DAY;
      const s: Vec6 = [
        r[0] - tau * v[0] + 0.5 * tau * tau * a[0],
        r[1] - tau * v[1] + 0.5 * tau * tau * a[1],
        r[2] - tau * v[2] + 0.5 * tau * tau * a[2],
        v[0] - tau * a[0],
        v[1] - tau * a[1],
        v[2] - tau * a[2],
      ];
      out.set(id, apparent(frame, rotateState(frame, s)));
    } else if (id === "trueNode") {
      const { r, v, a } = moon!;
      out.set(
        id,
        trueNode(
          frame,
          toEcliptic(frame, r[0], r[1], r[2]),
          toEcliptic(frame, v[0], v[1], v[2]),
          toEcliptic(frame, a[0], a[1], a[2]),
        ),
      );
    } else if (id === "meanNode") {
      out.set(id, lunar!.meanNode);
    } else if (id === "lilith") {
      out.set(id, lunar!.meanApogee);
    } else {
      const body = HELIO_BODIES[id]!;
      const state = HelioState(body, frame.time);
      out.set(id, apparent(frame, rotateState(frame, geocentric(earth!, state))));
    }
  }
  return out;
}
