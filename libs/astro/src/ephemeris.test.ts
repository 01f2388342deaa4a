import { AstroTime, Body, Ecliptic, EclipticGeoMoon, e_tilt, GeoVector } from "astronomy-engine";
import { describe, expect, it } from "vitest";
import { ARCSEC } from "./angle-math.js";
import type { BodyId } from "./body-ids.js";
import { computePositions } from "./ephemeris.js";
import { nutationIau2000b } from "./nutation-iau2000b.js";
import { skyFrameAt } from "./sky-frame.js";

const REFERENCE: Partial<Record<BodyId, Body>> = {
  sun: Body.Sun,
  mercury: Body.Mercury,
  venus: Body.Venus,
  mars: Body.Mars,
  jupiter: Body.Jupiter,
  saturn: Body.Saturn,
  uranus: Body.Uranus,
  neptune: Body.Neptune,
  pluto: Body.Pluto,
};

const arcsec = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180) * 3600;

/** astronomy-engine's own full apparent longitude (light time, aberration, its 5-term nutation). */
function referenceLongitude(id: BodyId, ut: number): number {
  const time = new AstroTime(ut);
  if (id === "moon") return EclipticGeoMoon(time).lon;
  return Ecliptic(GeoVector(REFERENCE[id]!, time, true)).elon;
}

/** The reference's nutation in longitude, arcseconds, so that the model difference can be removed. */
function referenceDpsi(ut: number): number {
  return e_tilt(new AstroTime(ut)).dpsi;
}

// 241 instants spread over 1900-01-01 … 2100-01-01, at irregular times of day.
const INSTANTS = Array.from({ length: 241 }, (_, i) => -36525 + i * 304.37 + ((i * 0.618) % 1));

describe("fast ephemeris against astronomy-engine's reference functions, 1900–2100", () => {
  const ids: BodyId[] = [
    "sun",
    "moon",
    ...(Object.keys(REFERENCE) as BodyId[]).filter((b) => b !== "sun"),
  ];

  it("agrees on every apparent longitude once the nutation models are aligned", () => {
    let worstPlanet = 0;
    let worstMoon = 0;
    for (const ut of INSTANTS) {
      const frame = skyFrameAt(ut);
      const positions = computePositions(frame, ids);
      // We use the 77-term IAU 2000B series, the reference a 5-term truncation of it.
      const nutationGap = frame.dpsi / ARCSEC - referenceDpsi(ut);
      for (const id of ids) {
        const ours = positions.get(id)!.longitude - nutationGap / 3600;
        const diff = arcsec(ours, referenceLongitude(id, ut));
        if (id === "moon") worstMoon = Math.max(worstMoon, diff);
        else worstPlanet = Math.max(worstPlanet, diff);
      }
    }
    expect(worstPlanet).toBeLessThan(0.05);
    // The reference omits the Moon's 1.3 s light time (up to 0.75″).
    expect(worstMoon).toBeLessThan(0.8);
    expect(worstMoon).toBeGreaterThan(0.3);
  });

  it("keeps the nutation model difference below 1″", () => {
    for (const ut of INSTANTS) {
      expect(Math.abs(skyFrameAt(ut).dpsi / ARCSEC - referenceDpsi(ut))).toBeLessThan(1);
    }
  });

  it("gives speeds that match differences of the reference positions", () => {
    const h = 0.01;
    let worst = 0;
    for (const ut of INSTANTS.filter((_, i) => i % 4 === 0)) {
      const positions = computePositions(skyFrameAt(ut), ids);
      for (const id of ids) {
        const ahead = referenceLongitude(id, ut + h);
        const behind = referenceLongitude(id, ut - h);
        const numeric = (((ahead - behind + 540) % 360) - 180) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - positions.get(id)!.speed));
      }
    }
    // The residual is the nutation rate the reference truncates (≤ 3e-5 °/day).
    expect(worst).toBeLessThan(5e-5);
  });

  it("marks retrograde planets the way the reference motion does", () => {
    for (const ut of INSTANTS) {
      const positions = computePositions(skyFrameAt(ut), ids);
      for (const id of ids) {
        const ahead = referenceLongitude(id, ut + 0.5);
        const behind = referenceLongitude(id, ut - 0.5);
        const numeric = ((ahead - behind + 540) % 360) - 180;
        if (Math.abs(numeric) > 0.001) expect(positions.get(id)!.speed < 0).toBe(numeric < 0);
      }
    }
  });
});

describe("independent published values (Meeus, Astronomical Algorithms, 2nd ed.)", () => {
  const utFromTdJd = (jd: number) => AstroTime.FromTerrestrialTime(jd - 2451545).ut;

  it("nutation of 1987-04-10 0h TD (example 22.a): Δψ −3.788″, Δε +9.443″", () => {
    // Meeus uses IAU 1980; IAU 2000B differs by a few mas.
    const nut = nutationIau2000b((2446895.5 - 2451545) / 36525);
    expect(nut.dpsi / ARCSEC).toBeCloseTo(-3.788, 1);
    expect(nut.deps / ARCSEC).toBeCloseTo(9.443, 1);
  });

  it("the Sun on 1992-10-13 0h TD (example 25.b, full VSOP87): 199°54′21.818″", () => {
    const sun = computePositions(skyFrameAt(utFromTdJd(2448908.5)), ["sun"]).get("sun")!;
    expect(arcsec(sun.longitude, 199 + 54 / 60 + 21.818 / 3600)).toBeLessThan(1);
  });

  it("the Moon on 1992-04-12 0h TD (example 47.a): λ 133.167265°, β −3.229126°", () => {
    const moon = computePositions(skyFrameAt(utFromTdJd(2448724.5)), ["moon"]).get("moon")!;
    // Meeus truncates ELP-2000/82 (≈10″) and leaves out the 0.7″ light time.
    expect(arcsec(moon.longitude, 133.167265)).toBeLessThan(10);
    expect(Math.abs(moon.latitude + 3.229126) * 3600).toBeLessThan(4);
  });
});

describe("lunar points", () => {
  it("keeps the true node within 2° of the mean node and moves the mean node backwards", () => {
    for (const ut of INSTANTS) {
      const p = computePositions(skyFrameAt(ut), ["meanNode", "trueNode", "lilith"]);
      const mean = p.get("meanNode")!;
      expect(arcsec(p.get("trueNode")!.longitude, mean.longitude) / 3600).toBeLessThan(2);
      expect(mean.speed).toBeCloseTo(-0.05295, 3);
      // The mean apogee advances about 0.111°/day and stays within the orbit's inclination.
      expect(p.get("lilith")!.speed).toBeCloseTo(0.111, 2);
      expect(Math.abs(p.get("lilith")!.latitude)).toBeLessThanOrEqual(5.15);
    }
  });

  it("gives the true node a speed that matches its own motion", () => {
    for (const ut of INSTANTS.filter((_, i) => i % 10 === 0)) {
      const at = (t: number) => computePositions(skyFrameAt(t), ["trueNode"]).get("trueNode")!;
      const numeric =
        (((at(ut + 0.05).longitude - at(ut - 0.05).longitude + 540) % 360) - 180) / 0.1;
      expect(at(ut).speed).toBeCloseTo(numeric, 3);
    }
  });
});
