import { describe, expect, it } from "vitest";
import { DEG, normalizeDegrees, RAD } from "./angle-math.js";
import { HOUSE_SYSTEMS } from "./house-systems.js";
import { computeHouses } from "./houses.js";

const EPS = 23.4393 * DEG;
const diff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

/** Equatorial unit vector of an ecliptic longitude (latitude 0). */
function equatorial(lon: number, eps = EPS): [number, number, number] {
  const l = lon * DEG;
  return [Math.cos(l), Math.sin(l) * Math.cos(eps), Math.sin(l) * Math.sin(eps)];
}

/** Altitude and whether the point is east of the meridian, for ARMC and latitude in degrees. */
function horizontal(lon: number, armc: number, lat: number) {
  const [x, y, z] = equatorial(lon);
  const ra = Math.atan2(y, x);
  const dec = Math.asin(z);
  const hourAngle = armc * DEG - ra;
  const sinAlt =
    Math.sin(lat * DEG) * Math.sin(dec) + Math.cos(lat * DEG) * Math.cos(dec) * Math.cos(hourAngle);
  return {
    altitude: Math.asin(sinAlt) * RAD,
    east: Math.sin(hourAngle) < 0,
    ra: ra * RAD,
    dec: dec * RAD,
  };
}

// A spread of sidereal angles and latitudes, north and south, up to 66°.
const CASES = Array.from({ length: 60 }, (_, i) => ({
  armc: Math.round(((i * 37.3) % 360) * 10) / 10,
  lat: Math.round((-66 + ((i * 29.7) % 132)) * 10) / 10,
}));

describe("angles", () => {
  it.each(CASES)(
    "puts the ascendant on the eastern horizon (ARMC $armc, lat $lat)",
    ({ armc, lat }) => {
      const h = computeHouses("placidus", armc * DEG, lat, EPS, 0);
      const asc = horizontal(h.ascendant, armc, lat);
      expect(Math.abs(asc.altitude)).toBeLessThan(1e-9);
      expect(asc.east).toBe(true);
      // The midheaven has the right ascension of the meridian.
      expect(diff(horizontal(h.midheaven, armc, lat).ra, armc)).toBeLessThan(1e-9);
      // The vertex is the western point where the ecliptic meets the prime vertical, the circle
      // through the zenith and the east and west points: its direction has no north component.
      const vx = horizontal(h.vertex, armc, lat);
      expect(vx.east).toBe(false);
      const [x, y, z] = equatorial(h.vertex);
      const t = armc * DEG;
      const f = lat * DEG;
      const north =
        -Math.sin(f) * Math.cos(t) * x - Math.sin(f) * Math.sin(t) * y + Math.cos(f) * z;
      expect(Math.abs(north)).toBeLessThan(1e-9);
    },
  );
});

describe.each(HOUSE_SYSTEMS)("%s houses", (system) => {
  it("puts opposite cusps 180° apart, never NaN, in zodiacal order", () => {
    for (const { armc, lat } of CASES) {
      const h = computeHouses(system, armc * DEG, lat, EPS, 0);
      expect(h.cusps).toHaveLength(12);
      for (let i = 0; i < 12; i++) {
        expect(Number.isFinite(h.cusps[i]!)).toBe(true);
        expect(diff(h.cusps[i]!, h.cusps[(i + 6) % 12]! + 180)).toBeLessThan(1e-9);
      }
      const total = h.cusps.reduce(
        (sum, c, i) => sum + normalizeDegrees(h.cusps[(i + 1) % 12]! - c),
        0,
      );
      expect(total).toBeCloseTo(360, 6);
    }
  });

  it("stays finite at the poles and inside the polar circles", () => {
    for (const lat of [-90, -89.9999, -75, 67, 80, 90]) {
      for (const armc of [0, 45, 123.4, 270]) {
        const h = computeHouses(system, armc * DEG, lat, EPS, 0);
        for (const v of [...h.cusps, h.ascendant, h.midheaven, h.vertex]) {
          expect(Number.isFinite(v)).toBe(true);
        }
      }
    }
  });
});

describe("house system definitions", () => {
  const armc = 201.7;
  const lat = 48.2;

  it("starts the quadrant systems at the ascendant and midheaven", () => {
    for (const system of ["placidus", "koch", "porphyry", "regiomontanus", "campanus"] as const) {
      const h = computeHouses(system, armc * DEG, lat, EPS, 0);
      expect(h.cusps[0]).toBeCloseTo(h.ascendant, 9);
      expect(h.cusps[9]).toBeCloseTo(h.midheaven, 9);
    }
  });

  it("makes Equal and Whole Sign exact given the ascendant, and Porphyry trisect the quadrants", () => {
    const equal = computeHouses("equal", armc * DEG, lat, EPS, 0);
    const whole = computeHouses("wholeSign", armc * DEG, lat, EPS, 0);
    const porphyry = computeHouses("porphyry", armc * DEG, lat, EPS, 0);
    for (let i = 0; i < 12; i++) {
      expect(diff(equal.cusps[i]!, equal.ascendant + 30 * i)).toBeLessThan(1e-9);
      expect(whole.cusps[i]).toBe(normalizeDegrees(Math.floor(whole.ascendant / 30) * 30 + 30 * i));
    }
    const quadrant = normalizeDegrees(porphyry.ascendant - porphyry.midheaven);
    expect(diff(porphyry.cusps[10]!, porphyry.midheaven + quadrant / 3)).toBeLessThan(1e-9);
    expect(diff(porphyry.cusps[11]!, porphyry.midheaven + (2 * quadrant) / 3)).toBeLessThan(1e-9);
  });

  it("solves Placidus cusps to their semi-arc definition", () => {
    for (const { armc: a, lat: phi } of CASES) {
      const h = computeHouses("placidus", a * DEG, phi, EPS, 0);
      // Cusp 11 has passed one third of its diurnal semi-arc, cusp 12 two thirds.
      for (const [index, fraction] of [
        [10, 1 / 3],
        [11, 2 / 3],
      ] as const) {
        const p = horizontal(h.cusps[index]!, a, phi);
        const semiArc = Math.acos(-Math.tan(phi * DEG) * Math.tan(p.dec * DEG)) * RAD;
        expect(diff(p.ra, a + fraction * semiArc)).toBeLessThan(1e-7);
      }
    }
  });

  it("converges for Placidus just below the polar circle", () => {
    const h = computeHouses("placidus", 100 * DEG, 66.4, EPS, 0);
    expect(h.systemUsed).toBe("placidus");
    const p = horizontal(h.cusps[10]!, 100, 66.4);
    const semiArc = Math.acos(-Math.tan(66.4 * DEG) * Math.tan(p.dec * DEG)) * RAD;
    expect(diff(p.ra, 100 + semiArc / 3)).toBeLessThan(1e-7);
  });

  /** Cusp on the great circle through the north point and q, on the eastern side. */
  function onCircleThroughNorth(cusp: number, q: number[], a: number, phi: number) {
    const f = phi * DEG;
    const t = a * DEG;
    const north = [-Math.sin(f) * Math.cos(t), -Math.sin(f) * Math.sin(t), Math.cos(f)];
    const d = equatorial(cusp);
    const det =
      north[0]! * (q[1]! * d[2] - q[2]! * d[1]) -
      north[1]! * (q[0]! * d[2] - q[2]! * d[0]) +
      north[2]! * (q[0]! * d[1] - q[1]! * d[0]);
    expect(Math.abs(det)).toBeLessThan(1e-9);
    expect(horizontal(cusp, a, phi).east).toBe(true);
  }

  it("places Regiomontanus cusps on circles through the equator every 30° from the meridian", () => {
    for (const { armc: a, lat: phi } of CASES) {
      const h = computeHouses("regiomontanus", a * DEG, phi, EPS, 0);
      for (const [index, offset] of [
        [10, 30],
        [11, 60],
        [1, 120],
        [2, 150],
      ] as const) {
        const ra = (a + offset) * DEG;
        onCircleThroughNorth(h.cusps[index]!, [Math.cos(ra), Math.sin(ra), 0], a, phi);
      }
    }
  });

  it("places Campanus cusps on circles through the prime vertical every 30° from the horizon", () => {
    for (const { armc: a, lat: phi } of CASES) {
      const h = computeHouses("campanus", a * DEG, phi, EPS, 0);
      const t = a * DEG;
      const f = phi * DEG;
      const east = [-Math.sin(t), Math.cos(t), 0];
      const zenith = [Math.cos(f) * Math.cos(t), Math.cos(f) * Math.sin(t), Math.sin(f)];
      for (const [index, altitude] of [
        [10, 60],
        [11, 30],
        [1, -30],
        [2, -60],
      ] as const) {
        const c = Math.cos(altitude * DEG);
        const s2 = Math.sin(altitude * DEG);
        const q = east.map((e, k) => c * e + s2 * zenith[k]!);
        onCircleThroughNorth(h.cusps[index]!, q, a, phi);
      }
    }
  });

  it("takes Koch cusps as the ascendants when the midheaven degree had risen 1/3 and 2/3 of its arc", () => {
    for (const { armc: a, lat: phi } of CASES) {
      const h = computeHouses("koch", a * DEG, phi, EPS, 0);
      const mc = horizontal(h.midheaven, a, phi);
      const semiArc = Math.acos(-Math.tan(phi * DEG) * Math.tan(mc.dec * DEG)) * RAD;
      const ascAt = (k: number) =>
        computeHouses("equal", (a + (k * semiArc) / 3) * DEG, phi, EPS, 0).ascendant;
      expect(diff(h.cusps[10]!, ascAt(-2))).toBeLessThan(1e-9);
      expect(diff(h.cusps[11]!, ascAt(-1))).toBeLessThan(1e-9);
      expect(diff(h.cusps[1]!, ascAt(1))).toBeLessThan(1e-9);
      expect(diff(h.cusps[2]!, ascAt(2))).toBeLessThan(1e-9);
    }
  });

  it("falls back from Placidus and Koch to Porphyry inside the polar circles", () => {
    for (const system of ["placidus", "koch"] as const) {
      const h = computeHouses(system, 30 * DEG, -70, EPS, 0);
      const p = computeHouses("porphyry", 30 * DEG, -70, EPS, 0);
      expect(h.systemUsed).toBe("porphyry");
      expect(h.cusps).toEqual(p.cusps);
    }
    expect(computeHouses("regiomontanus", 30 * DEG, 70, EPS, 0).systemUsed).toBe("regiomontanus");
  });
});
