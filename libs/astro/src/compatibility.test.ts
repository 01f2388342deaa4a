import { describe, expect, it } from "vitest";
import { LONDON_1990 as A, NEW_YORK_1992 as B } from "./births.test-support.js";
import { type Chart, computeChart, computeCompatibility } from "./index.js";

/** A chart whose planets sit at chosen longitudes, to build known aspect patterns. */
function placed(base: Chart, longitudes: Partial<Record<string, number>>): Chart {
  return {
    ...base,
    bodies: base.bodies.map((b) =>
      longitudes[b.id] === undefined
        ? { ...b, longitude: (b.longitude + 0.123) % 360 }
        : { ...b, longitude: longitudes[b.id]! },
    ),
  };
}

describe("computeCompatibility", () => {
  const a = computeChart(A);
  const b = computeChart(B);

  it("gives a score from 0 to 100 with the breakdown it came from", () => {
    const c = computeCompatibility(a, b);
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.score).toBeLessThanOrEqual(100);
    expect(Number.isInteger(c.score)).toBe(true);
    const harmony = c.factors
      .filter((f) => f.nature === "harmonious")
      .reduce((s, f) => s + f.weight, 0);
    const tension = c.factors
      .filter((f) => f.nature === "challenging")
      .reduce((s, f) => s + f.weight, 0);
    expect(c.harmony).toBeCloseTo(harmony, 3);
    expect(c.tension).toBeCloseTo(tension, 3);
    // The documented formula, recomputed from the breakdown.
    expect(c.score).toBe(Math.round((100 * (c.harmony + 2)) / (c.harmony + c.tension + 4)));
    expect(c.method).toMatch(/round\(100 × \(harmony \+ 2\)/);
    for (const f of c.factors) {
      expect(f.weight).toBeGreaterThanOrEqual(0);
      expect(f.weight).toBeLessThanOrEqual(3);
    }
    const weights = c.factors.map((f) => f.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
  });

  it("does not depend on the order of the charts, and is deterministic", () => {
    const ab = computeCompatibility(a, b);
    const ba = computeCompatibility(b, a);
    expect(ba.score).toBe(ab.score);
    expect(ba.themes).toEqual(ab.themes);
    expect(JSON.stringify(computeCompatibility(structuredClone(a), structuredClone(b)))).toBe(
      JSON.stringify(ab),
    );
  });

  it("rises with exact trines of the lights and Venus, falls with exact squares", () => {
    const base = computeChart(A);
    const other = computeChart(B);
    // Move the second chart's planets far from any aspect, then add the patterns.
    const quiet = placed(other, Object.fromEntries(other.bodies.map((x) => [x.id, 0])));
    const centre = placed(base, { sun: 100, moon: 100, venus: 100, mars: 100, mercury: 100 });
    const trines = placed(quiet, { sun: 220, moon: 220, venus: 220 });
    const squares = placed(quiet, { sun: 190, moon: 190, venus: 190 });
    const easy = computeCompatibility(centre, trines);
    const hard = computeCompatibility(centre, squares);
    expect(easy.score).toBeGreaterThan(75);
    expect(hard.score).toBeLessThan(25);
    expect(easy.themes.emotion).toBeGreaterThan(hard.themes.emotion);
    expect(easy.factors[0]).toMatchObject({ type: "trine", nature: "harmonious" });
    expect(hard.factors[0]).toMatchObject({ type: "square", nature: "challenging" });
  });

  it("counts conjunctions with Saturn or Pluto as challenging, others as harmonious", () => {
    const base = placed(a, Object.fromEntries(a.bodies.map((x) => [x.id, 10])));
    const other = placed(b, Object.fromEntries(b.bodies.map((x) => [x.id, 250])));
    const withSaturn = computeCompatibility(
      placed(base, { venus: 100 }),
      placed(other, { saturn: 100 }),
    );
    const withJupiter = computeCompatibility(
      placed(base, { venus: 100 }),
      placed(other, { jupiter: 100 }),
    );
    expect(withSaturn.factors.find((f) => f.a === "venus" && f.b === "saturn")?.nature).toBe(
      "challenging",
    );
    expect(withJupiter.factors.find((f) => f.a === "venus" && f.b === "jupiter")?.nature).toBe(
      "harmonious",
    );
  });

  it("stays at 50 with no aspects at all", () => {
    const apart = (c: Chart, at: number) =>
      placed(c, Object.fromEntries(c.bodies.map((x) => [x.id, at])));
    const c = computeCompatibility(apart(a, 10), apart(b, 45));
    expect(c.factors).toEqual([]);
    expect(c.score).toBe(50);
  });
});
