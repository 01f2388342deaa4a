import { describe, expect, it } from "vitest";
import { meanAyanamsa } from "./ayanamsa.js";
import { type Chart, type ChartInput, computeChart } from "./index.js";

// Reference values from Swiss Ephemeris. They are given to 0.1′, so they are held to
// 0.1′ (6″); Placidus cusps are given to 0.001°.
const TOLERANCE_DEG = 0.1 / 60;
const SIGNS = ["ari", "tau", "gem", "can", "leo", "vir", "lib", "sco", "sag", "cap", "aqu", "pis"];
const at = (degrees: number, minutes: number, sign: string) =>
  SIGNS.indexOf(sign) * 30 + degrees + minutes / 60;

function angularError(actual: number, expected: number): number {
  return Math.abs(((actual - expected + 540) % 360) - 180);
}

function body(chart: Chart, id: string) {
  const b = chart.bodies.find((x) => x.id === id);
  if (!b) throw new Error(`${id} missing`);
  return b;
}

interface Golden {
  name: string;
  input: ChartInput;
  bodies: Record<string, { longitude: number; retrograde?: boolean }>;
  ascendant: number;
  midheaven: number;
  cusps: Record<number, number>;
}

const GOLDEN: Golden[] = [
  {
    name: "1879-03-14 11:30 LMT, 48.4N 9.9833E",
    input: {
      datetime: "1879-03-14T11:30:00",
      utcOffset: "+00:39:56",
      latitude: 48.4,
      longitude: 9.9833,
    },
    bodies: {
      sun: { longitude: at(23, 30.5, "pis") },
      moon: { longitude: at(14, 31.6, "sag") },
      uranus: { longitude: at(1, 17.3, "vir"), retrograde: true },
    },
    ascendant: at(11, 38.8, "can"),
    midheaven: at(12, 50.4, "pis"),
    cusps: { 2: 118.617 },
  },
  {
    name: "1940-10-09 18:30 +01:00, 53.4167N 2.9167W",
    input: {
      datetime: "1940-10-09T18:30:00",
      utcOffset: "+01:00",
      latitude: 53.4167,
      longitude: -2.9167,
    },
    bodies: {
      sun: { longitude: at(16, 16.1, "lib") },
      moon: { longitude: at(3, 32.8, "aqu") },
      jupiter: { longitude: at(13, 41.5, "tau"), retrograde: true },
      meanNode: { longitude: at(10, 35.0, "lib") },
    },
    ascendant: at(19, 54.2, "ari"),
    midheaven: at(7, 7.6, "cap"),
    cusps: {},
  },
  {
    name: "2000-01-01T12:00Z, 51.4769N 0.0005W",
    input: { datetime: "2000-01-01T12:00:00Z", latitude: 51.4769, longitude: -0.0005 },
    bodies: {
      sun: { longitude: at(10, 22.1, "cap") },
      moon: { longitude: at(13, 19.4, "sco") },
      pluto: { longitude: at(11, 27.3, "sag") },
      trueNode: { longitude: at(3, 57.2, "leo") },
    },
    ascendant: at(24, 15.8, "ari"),
    midheaven: at(9, 36.6, "cap"),
    cusps: { 11: 299.062 },
  },
];

describe.each(GOLDEN)("golden chart $name", (golden) => {
  const chart = computeChart({ ...golden.input, houseSystem: "placidus" });

  it.each(Object.entries(golden.bodies))("places %s within 0.1′ of Swiss Ephemeris", (id, want) => {
    const b = body(chart, id);
    expect(angularError(b.longitude, want.longitude)).toBeLessThan(TOLERANCE_DEG);
    if (want.retrograde !== undefined) expect(b.retrograde).toBe(want.retrograde);
  });

  it("puts the ascendant and midheaven within 0.1′", () => {
    expect(angularError(chart.angles!.ascendant.longitude, golden.ascendant)).toBeLessThan(
      TOLERANCE_DEG,
    );
    expect(angularError(chart.angles!.midheaven.longitude, golden.midheaven)).toBeLessThan(
      TOLERANCE_DEG,
    );
  });

  it("matches the Placidus cusps to 0.001°", () => {
    for (const [house, want] of Object.entries(golden.cusps)) {
      expect(angularError(chart.houses!.cusps[Number(house) - 1]!, want)).toBeLessThan(0.0015);
    }
  });
});

describe("ayanamsa", () => {
  it("gives the mean Lahiri ayanamsa at J2000.0 as 23.857°", () => {
    expect(meanAyanamsa("lahiri", 0)).toBeCloseTo(23.857, 3);
  });

  it("places sidereal positions at tropical minus the reported ayanamsa", () => {
    const input: ChartInput = { datetime: "2000-01-01T12:00:00Z", latitude: 51.4769, longitude: 0 };
    const tropical = computeChart(input);
    const sidereal = computeChart({ ...input, zodiac: "sidereal", ayanamsa: "lahiri" });
    const aya = sidereal.meta.ayanamsaDegrees!;
    // The applied value includes nutation in longitude (−13.9″ at J2000).
    expect(aya).toBeCloseTo(23.857 - 0.00386, 3);
    expect(tropical.meta.ayanamsaDegrees).toBeNull();
    for (const b of sidereal.bodies) {
      const t = body(tropical, b.id);
      expect(angularError(b.longitude, t.longitude - aya)).toBeLessThan(2e-6);
    }
    expect(
      angularError(
        sidereal.angles!.ascendant.longitude,
        tropical.angles!.ascendant.longitude - aya,
      ),
    ).toBeLessThan(2e-6);
  });

  it("orders the supported ayanamsas as their definitions do", () => {
    // At J2000: Raman < Krishnamurti < Lahiri < Fagan-Bradley, each about 0.1° to 1.4° apart.
    const values = (["raman", "krishnamurti", "lahiri", "faganBradley"] as const).map((a) =>
      meanAyanamsa(a, 0),
    );
    expect([...values].sort((x, y) => x - y)).toEqual(values);
    expect(values[3]! - values[2]!).toBeCloseTo(0.883, 2);
  });
});
