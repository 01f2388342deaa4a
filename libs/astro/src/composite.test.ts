import { describe, expect, it } from "vitest";
import { LONDON_1990 as A, NEW_YORK_1992 as B } from "./births.test-support.js";
import { nearerMidpoint } from "./composite.js";
import { type AstroError, computeChart, computeComposite } from "./index.js";

const arc = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180);

describe("nearerMidpoint", () => {
  it.each([
    [10, 50, 30],
    [350, 30, 10],
    [30, 350, 10],
    [100, 260, 180],
    [80, 280, 0],
    [0, 180, 90],
    [180, 0, 90],
    [270, 90, 0],
  ])("puts the midpoint of %s° and %s° at %s°", (a, b, mid) => {
    expect(nearerMidpoint(a, b)).toBeCloseTo(mid, 9);
  });
});

describe("computeComposite", () => {
  const a = computeChart(A);
  const b = computeChart(B);

  it("puts every composite body on the nearer arc between the two natal ones", () => {
    const { chart } = computeComposite(a, b, { method: "midpoint" }) as Extract<
      ReturnType<typeof computeComposite>,
      { method: "midpoint" }
    >;
    expect(chart.bodies.map((x) => x.id)).toEqual(a.bodies.map((x) => x.id));
    for (const c of chart.bodies) {
      const p = a.bodies.find((x) => x.id === c.id)!.longitude;
      const q = b.bodies.find((x) => x.id === c.id)!.longitude;
      expect(arc(c.longitude, p)).toBeCloseTo(arc(c.longitude, q), 5);
      expect(arc(c.longitude, p) + arc(c.longitude, q)).toBeCloseTo(arc(p, q), 5);
      expect(arc(c.longitude, p)).toBeLessThanOrEqual(90);
    }
  });

  it("draws the houses from the composite midheaven", () => {
    const result = computeComposite(a, b, { method: "midpoint" });
    if (result.method !== "midpoint") throw new Error("midpoint expected");
    const mc = nearerMidpoint(a.angles!.midheaven.longitude, b.angles!.midheaven.longitude);
    expect(arc(result.chart.angles!.midheaven.longitude, mc) * 3600).toBeLessThan(0.05);
    expect(result.chart.houses!.cusps[9]).toBeCloseTo(result.chart.angles!.midheaven.longitude, 5);
    expect(result.chart.houses!.cusps[0]).toBeCloseTo(result.chart.angles!.ascendant.longitude, 5);
    for (const x of result.chart.bodies) expect(x.house).toBeGreaterThanOrEqual(1);
  });

  it("does not depend on the order of the two charts", () => {
    expect(computeComposite(b, a, { method: "midpoint" }).chart.bodies).toEqual(
      computeComposite(a, b, { method: "midpoint" }).chart.bodies,
    );
  });

  it("casts the Davison chart at the midpoint in time and place", () => {
    const result = computeComposite(a, b, { method: "davison" });
    if (result.method !== "davison") throw new Error("davison expected");
    const mid = (Date.parse(a.meta.utc) + Date.parse(b.meta.utc)) / 2;
    expect(Math.abs(Date.parse(result.midpoint.utc) - mid)).toBeLessThan(1);
    expect(result.midpoint.latitude).toBeCloseTo((A.latitude + B.latitude) / 2, 6);
    expect(result.midpoint.longitude).toBeCloseTo((A.longitude + B.longitude) / 2, 6);
    expect(result.chart.meta.utc).toBe(result.midpoint.utc);
    expect(result.chart.input.latitude).toBe(result.midpoint.latitude);
  });

  it("takes the Davison longitude across the date line on the shorter side", () => {
    const east = computeChart({ ...A, timezone: "Pacific/Auckland", longitude: 170 });
    const west = computeChart({ ...B, timezone: "Pacific/Honolulu", longitude: -160 });
    const result = computeComposite(east, west, { method: "davison" });
    if (result.method !== "davison") throw new Error("davison expected");
    expect(result.midpoint.longitude).toBeCloseTo(-175, 6);
  });

  it("leaves out angles when a birth time is unknown, and says so", () => {
    const untimed = computeChart({ ...B, datetime: "1992-03-01", timeUnknown: true });
    const result = computeComposite(a, untimed, { method: "midpoint" });
    expect(result.chart.angles).toBeNull();
    expect(result.meta.warnings.map((w) => w.code)).toEqual(["NATAL_TIME_UNKNOWN"]);
  });

  it("refuses an unknown method and charts in different zodiacs", () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return (e as AstroError).code;
      }
      return "none";
    };
    expect(code(() => computeComposite(a, b, { method: "average" as never }))).toBe(
      "INVALID_OPTION",
    );
    expect(
      code(() =>
        computeComposite(a, computeChart({ ...B, zodiac: "sidereal" }), { method: "midpoint" }),
      ),
    ).toBe("INVALID_CHART");
  });
});
