import { DEG, normalizeDegrees, normalizeRadians, RAD } from "./angle-math.js";
import type { HouseSystem } from "./house-systems.js";

/** Angles and cusps, ecliptic longitudes of date in degrees, in the requested zodiac. */
export interface HouseGeometry {
  readonly ascendant: number;
  readonly midheaven: number;
  readonly vertex: number;
  readonly systemUsed: HouseSystem;
  /** Cusps 1–12. */
  readonly cusps: number[];
}

type Vec3 = [number, number, number];

// At a geographic pole the horizon's north and south points are undefined; houses there are
// taken in the limit approaching the pole.
const MAX_LATITUDE = 90 - 1e-7;

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * The sky at one sidereal angle and latitude, in true equatorial coordinates of date. House
 * circles of the Regiomontanus, Campanus and horizon kind all pass through the north and south
 * points of the horizon, so each is fixed by one more point Q on it.
 */
class LocalSky {
  readonly north: Vec3;
  readonly east: Vec3;
  readonly zenith: Vec3;
  private readonly eclipticPole: Vec3;
  private readonly eclipticY: Vec3;

  constructor(
    readonly armc: number,
    readonly latitude: number,
    readonly obliquity: number,
  ) {
    const cf = Math.cos(latitude);
    const sf = Math.sin(latitude);
    this.zenith = [cf * Math.cos(armc), cf * Math.sin(armc), sf];
    this.east = [-Math.sin(armc), Math.cos(armc), 0];
    this.north = [-sf * Math.cos(armc), -sf * Math.sin(armc), cf];
    const se = Math.sin(obliquity);
    const ce = Math.cos(obliquity);
    this.eclipticPole = [0, -se, ce];
    this.eclipticY = [0, ce, se];
  }

  longitudeOf(d: Vec3): number {
    return normalizeRadians(Math.atan2(dot(d, this.eclipticY), d[0])) * RAD;
  }

  /**
   * Ecliptic longitude where the great circle through the north point and Q meets the
   * ecliptic, on the side of the meridian given by `side` (+1 east, −1 west).
   */
  circleThroughNorth(q: Vec3, side: 1 | -1): number {
    const normal = cross(this.north, q);
    const d = cross(normal, this.eclipticPole);
    const s = dot(d, this.east) * side >= 0 ? 1 : -1;
    return this.longitudeOf([d[0] * s, d[1] * s, d[2] * s]);
  }

  ascendant(): number {
    return this.circleThroughNorth(this.east, 1);
  }

  /** The western intersection of the prime vertical (the circle through zenith and east point). */
  vertex(): number {
    const d = cross(this.north, this.eclipticPole);
    const s = dot(d, this.east) <= 0 ? 1 : -1;
    return this.longitudeOf([d[0] * s, d[1] * s, d[2] * s]);
  }
}

function midheaven(armc: number, obliquity: number): number {
  return normalizeRadians(Math.atan2(Math.sin(armc), Math.cos(armc) * Math.cos(obliquity))) * RAD;
}

function ascendantAt(armc: number, latitude: number, obliquity: number): number {
  return new LocalSky(armc, latitude, obliquity).ascendant();
}

/** Ecliptic longitude (rad) of the point with right ascension ra. */
function eclipticFromRa(ra: number, obliquity: number): number {
  return Math.atan2(Math.sin(ra), Math.cos(ra) * Math.cos(obliquity));
}

/**
 * Placidus: the cusp is the ecliptic point whose right ascension is ARMC + base + fraction ×
 * (its own diurnal semi-arc). Solved by regula falsi (Illinois variant) on the bracket
 * [ARMC + base, ARMC + base + fraction·π], where the residual changes sign because the
 * semi-arc lies in [0, π]; this converges right up to the polar circle, where plain fixed-point
 * iteration diverges.
 */
function placidusCusp(
  armc: number,
  latitude: number,
  obliquity: number,
  base: number,
  fraction: number,
): number {
  const tanPhi = Math.tan(latitude);
  const sinEps = Math.sin(obliquity);
  const residual = (offset: number): number => {
    const lambda = eclipticFromRa(armc + offset, obliquity);
    const dec = Math.asin(sinEps * Math.sin(lambda));
    const x = Math.max(-1, Math.min(1, -tanPhi * Math.tan(dec)));
    return offset - base - fraction * Math.acos(x);
  };
  let lo = base;
  let hi = base + fraction * Math.PI;
  let flo = residual(lo);
  let fhi = residual(hi);
  let side = 0;
  let x = lo;
  for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
    x = flo === fhi ? 0.5 * (lo + hi) : (lo * fhi - hi * flo) / (fhi - flo);
    const fx = residual(x);
    if (fx === 0) break;
    if (fx < 0 === flo < 0) {
      lo = x;
      flo = fx;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = x;
      fhi = fx;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  return normalizeRadians(eclipticFromRa(armc + x, obliquity)) * RAD;
}

function withOpposites(c1: number, c2: number, c3: number, c10: number, c11: number, c12: number) {
  const cusps = [c1, c2, c3, c10 + 180, c11 + 180, c12 + 180, c1 + 180, c2 + 180, c3 + 180];
  return [...cusps, c10, c11, c12].map(normalizeDegrees);
}

function porphyry(asc: number, mc: number): number[] {
  const upper = normalizeDegrees(asc - mc);
  const lower = normalizeDegrees(mc + 180 - asc);
  return withOpposites(
    asc,
    asc + lower / 3,
    asc + (2 * lower) / 3,
    mc,
    mc + upper / 3,
    mc + (2 * upper) / 3,
  );
}

/**
 * Ascendant, midheaven, vertex and cusps for a sidereal angle ARMC (radians), geographic
 * latitude (degrees) and true obliquity (radians), less `zodiacShift` degrees (the ayanamsa for
 * sidereal charts). Placidus and Koch are undefined where some ecliptic degrees never rise or
 * set (|latitude| ≥ 90° − obliquity); there Porphyry is used and `systemUsed` says so.
 */
export function computeHouses(
  system: HouseSystem,
  armc: number,
  latitudeDeg: number,
  obliquity: number,
  zodiacShift: number,
): HouseGeometry {
  const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitudeDeg)) * DEG;
  const sky = new LocalSky(armc, lat, obliquity);
  const asc = sky.ascendant();
  const mc = midheaven(armc, obliquity);
  const vertex = sky.vertex();
  const shifted = (deg: number) => normalizeDegrees(deg - zodiacShift);
  const polar = Math.abs(lat) >= Math.PI / 2 - obliquity;
  const systemUsed: HouseSystem =
    polar && (system === "placidus" || system === "koch") ? "porphyry" : system;

  let cusps: number[];
  switch (systemUsed) {
    case "placidus": {
      const third = Math.PI / 3;
      cusps = withOpposites(
        asc,
        placidusCusp(armc, lat, obliquity, third, 2 / 3),
        placidusCusp(armc, lat, obliquity, 2 * third, 1 / 3),
        mc,
        placidusCusp(armc, lat, obliquity, 0, 1 / 3),
        placidusCusp(armc, lat, obliquity, 0, 2 / 3),
      );
      break;
    }
    case "koch": {
      // Koch trisects the time the midheaven degree takes to rise to the meridian: the cusps
      // are the ascendants at ARMC − 2/3, −1/3, +1/3, +2/3 of its diurnal semi-arc.
      const tanDecMc = Math.sin(armc) * Math.tan(obliquity);
      const ad = Math.asin(Math.max(-1, Math.min(1, Math.tan(lat) * tanDecMc)));
      const semiArc = Math.PI / 2 + ad;
      const at = (k: number) => ascendantAt(armc + (k * semiArc) / 3, lat, obliquity);
      cusps = withOpposites(asc, at(1), at(2), mc, at(-2), at(-1));
      break;
    }
    case "regiomontanus": {
      // Circles through the north point and the equator 30° and 60° from the meridian.
      const eq = (h: number): [number, number, number] => [
        Math.cos(armc + h),
        Math.sin(armc + h),
        0,
      ];
      const c = (h: number) => sky.circleThroughNorth(eq(h * DEG), 1);
      cusps = withOpposites(asc, c(120), c(150), mc, c(30), c(60));
      break;
    }
    case "campanus": {
      // Circles through the north point and the prime vertical 30° and 60° from the horizon.
      const pv = (alt: number): [number, number, number] => {
        const ca = Math.cos(alt * DEG);
        const sa = Math.sin(alt * DEG);
        return [
          ca * sky.east[0] + sa * sky.zenith[0],
          ca * sky.east[1] + sa * sky.zenith[1],
          ca * sky.east[2] + sa * sky.zenith[2],
        ];
      };
      const c = (alt: number) => sky.circleThroughNorth(pv(alt), 1);
      cusps = withOpposites(asc, c(-30), c(-60), mc, c(60), c(30));
      break;
    }
    case "porphyry":
      cusps = porphyry(asc, mc);
      break;
    case "equal":
      cusps = Array.from({ length: 12 }, (_, i) => normalizeDegrees(asc + 30 * i));
      break;
    case "wholeSign": {
      // Signs of the chart's own zodiac: the first house is the whole sign of the ascendant.
      const start = Math.floor(shifted(asc) / 30) * 30;
      return {
        ascendant: shifted(asc),
        midheaven: shifted(mc),
        vertex: shifted(vertex),
        systemUsed,
        cusps: Array.from({ length: 12 }, (_, i) => normalizeDegrees(start + 30 * i)),
      };
    }
  }
  return {
    ascendant: shifted(asc),
    midheaven: shifted(mc),
    vertex: shifted(vertex),
    systemUsed,
    cusps: cusps.map(shifted),
  };
}
