import { describe, expect, it } from "vitest";
import { LIVERPOOL_1940 as A, LIVERPOOL_1942 as B } from "./births.test-support.js";
import { AstroError, computeChart, computeSynastry, computeTransits, PLANET_IDS } from "./index.js";

const separation = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180);

describe("computeSynastry", () => {
  const a = computeChart(A);
  const b = computeChart(B);

  it("is symmetric: swapping the charts swaps the aspects", () => {
    const ab = computeSynastry(a, b);
    const ba = computeSynastry(b, a);
    const key = (x: { a: string; b: string; type: string; orb: number }) =>
      `${x.a}|${x.b}|${x.type}|${x.orb}`;
    expect(ab.aspects.map(key).sort()).toEqual(
      ba.aspects.map((x) => key({ ...x, a: x.b, b: x.a })).sort(),
    );
    expect(ab.aInB).toEqual(ba.bInA);
  });

  it("measures orbs between the two charts' longitudes", () => {
    const byA = new Map(a.bodies.map((x) => [x.id, x]));
    const byB = new Map(b.bodies.map((x) => [x.id, x]));
    for (const s of computeSynastry(a, b).aspects) {
      const sep = separation(byA.get(s.a as never)!.longitude, byB.get(s.b as never)!.longitude);
      expect(Math.abs(sep - s.exactAngle)).toBeCloseTo(s.orb, 6);
    }
  });

  it("overlays each chart's bodies on the other's houses, and only where houses exist", () => {
    const noTime = computeChart({ ...B, datetime: "1942-06-18", timeUnknown: true });
    const s = computeSynastry(a, noTime);
    expect(s.aInB).toBeNull();
    expect(s.bInA).toHaveLength(13);
    expect(s.bInA!.every((o) => o.house >= 1 && o.house <= 12)).toBe(true);
  });

  it("refuses charts in different zodiacs", () => {
    const sidereal = computeChart({ ...B, zodiac: "sidereal" });
    expect(() => computeSynastry(a, sidereal)).toThrow(AstroError);
  });
});

describe("computeTransits", () => {
  const natal = computeChart(A);

  it("finds aspects from the transiting bodies to natal bodies and angles within the transit orbs", () => {
    const t = computeTransits(natal, "2025-01-01T00:00:00Z");
    expect(t.utc).toBe("2025-01-01T00:00:00Z");
    // By default the ten planets transit, without the lunar nodes and Lilith.
    expect(t.bodies.map((x) => x.id)).toEqual([...PLANET_IDS]);
    const natalLon = new Map<string, number>(natal.bodies.map((x) => [x.id, x.longitude]));
    natalLon.set("ascendant", natal.angles!.ascendant.longitude);
    natalLon.set("midheaven", natal.angles!.midheaven.longitude);
    const now = new Map(t.bodies.map((x) => [x.id, x]));
    expect(t.aspects.length).toBeGreaterThan(0);
    for (const x of t.aspects) {
      const moving = now.get(x.transit)!;
      const sep = separation(moving.longitude, natalLon.get(x.natal)!);
      expect(Math.abs(sep - x.exactAngle)).toBeCloseTo(x.orb, 6);
      expect(x.orb).toBeLessThanOrEqual(2);
      // Applying: a moment later the transiting body is closer to exact.
      const later = Math.abs(
        separation(moving.longitude + moving.speed * 1e-3, natalLon.get(x.natal)!) - x.exactAngle,
      );
      if (Math.abs(later - x.orb) > 1e-7) expect(x.applying).toBe(later < x.orb);
    }
  });

  it("places transiting bodies in natal houses", () => {
    const t = computeTransits(natal, "2025-01-01T00:00:00Z");
    for (const body of t.bodies) {
      expect(body.natalHouse).toBeGreaterThanOrEqual(1);
      expect(body.house).toBeNull();
    }
  });

  it("accepts a ChartInput, keeping the natal zodiac", () => {
    const sidereal = computeChart({ ...A, zodiac: "sidereal" });
    const t = computeTransits(sidereal, {
      datetime: "2025-01-01T09:00",
      timezone: "Asia/Kolkata",
      latitude: 0,
      longitude: 0,
    });
    const plain = computeTransits(sidereal, "2025-01-01T03:30:00Z");
    expect(t.bodies).toEqual(plain.bodies);
  });

  it("reports bad `at` values and options with stable codes", () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return [(e as AstroError).code, (e as AstroError).field];
      }
      return null;
    };
    expect(codeOf(() => computeTransits(natal, "2025-01-01T00:00"))).toEqual([
      "MISSING_TIMEZONE",
      "at",
    ]);
    expect(codeOf(() => computeTransits(natal, "next tuesday"))).toEqual([
      "INVALID_DATETIME",
      "at",
    ]);
    expect(
      codeOf(() => computeTransits(natal, "2025-01-01T00:00Z", { orbs: { trine: 0 } })),
    ).toEqual(["INVALID_ORB", "options.orbs.trine"]);
    expect(
      codeOf(() =>
        computeTransits(natal, {
          datetime: "2025-01-01T00:00",
          utcOffset: "+00:00",
          latitude: 95,
          longitude: 0,
        }),
      ),
    ).toEqual(["INVALID_LATITUDE", "at.latitude"]);
    expect(
      codeOf(() => computeTransits(natal, "2025-01-01T00:00Z", { bodies: ["vulcan" as never] })),
    ).toEqual(["UNKNOWN_BODY", "options.bodies[0]"]);
  });
});
