import { describe, expect, it } from "vitest";
import {
  ASPECT_ANGLES,
  BODY_IDS,
  type Chart,
  type ChartInput,
  computeChart,
  HOUSE_SYSTEMS,
} from "./index.js";

const separation = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180);

// Charts spread over 1900–2100 and over both hemispheres.
const INPUTS: ChartInput[] = Array.from({ length: 40 }, (_, i) => ({
  datetime: `${1900 + i * 5}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 7) % 28)).padStart(2, "0")}T${String((i * 5) % 24).padStart(2, "0")}:17:00`,
  utcOffset: i % 2 === 0 ? "+00:00" : "-05:00",
  latitude: -60 + ((i * 31) % 121),
  longitude: -179 + ((i * 67) % 359),
  houseSystem: HOUSE_SYSTEMS[i % HOUSE_SYSTEMS.length]!,
}));

/** Every aspect of the charts, with its chart and the two bodies it joins. */
function aspectsOf(charts: readonly Chart[]) {
  return charts.flatMap((chart) => {
    const byId = new Map(chart.bodies.map((body) => [body.id, body]));
    return chart.aspects.map((aspect) => ({
      chart,
      aspect,
      a: byId.get(aspect.a as never)!,
      b: byId.get(aspect.b as never)!,
    }));
  });
}

describe("computeChart", () => {
  const charts: Chart[] = INPUTS.map(computeChart);

  it("is deterministic: the same input gives byte-identical JSON", () => {
    for (const input of INPUTS.slice(0, 8)) {
      expect(JSON.stringify(computeChart(input))).toBe(JSON.stringify(computeChart({ ...input })));
    }
  });

  it("places every body once, in canonical order, with consistent sign fields", () => {
    for (const chart of charts) {
      expect(chart.bodies.map((b) => b.id)).toEqual([...BODY_IDS]);
      for (const b of chart.bodies) {
        expect(b.longitude).toBeGreaterThanOrEqual(0);
        expect(b.longitude).toBeLessThan(360);
        expect(b.degreeInSign).toBeCloseTo(b.longitude - 30 * Math.floor(b.longitude / 30), 6);
        expect(b.retrograde).toBe(b.speed < 0);
        expect(b.house).toBeGreaterThanOrEqual(1);
        expect(b.house).toBeLessThanOrEqual(12);
      }
    }
  });

  it("puts each body in the house whose cusp it has most recently passed", () => {
    for (const chart of charts) {
      const cusps = chart.houses!.cusps;
      for (const b of chart.bodies) {
        const start = cusps[b.house! - 1]!;
        const end = cusps[b.house! % 12]!;
        const width = (end - start + 360) % 360;
        expect((b.longitude - start + 360) % 360).toBeLessThan(width === 0 ? 360 : width);
      }
    }
  });

  it("gives angles that sit opposite each other and match the house cusps", () => {
    for (const chart of charts) {
      const a = chart.angles!;
      expect(separation(a.ascendant.longitude, a.descendant.longitude)).toBeCloseTo(180, 6);
      expect(separation(a.midheaven.longitude, a.imumCoeli.longitude)).toBeCloseTo(180, 6);
      const cusps = chart.houses!.cusps;
      for (let i = 0; i < 6; i++) expect(separation(cusps[i]!, cusps[i + 6]!)).toBeCloseTo(180, 5);
      if (chart.houses!.systemUsed !== "wholeSign") expect(cusps[0]).toBe(a.ascendant.longitude);
    }
  });

  it("reports aspects with orb = |separation − exact angle| within the allowed orb", () => {
    for (const { chart, aspect, a, b } of aspectsOf(charts)) {
      expect(aspect.exactAngle).toBe(ASPECT_ANGLES[aspect.type]);
      expect(Math.abs(separation(a.longitude, b.longitude) - aspect.exactAngle - 0)).toBeCloseTo(
        aspect.orb,
        5,
      );
      const luminary = ["sun", "moon"].includes(a.id) || ["sun", "moon"].includes(b.id);
      expect(aspect.orb).toBeLessThanOrEqual(chart.input.orbs[aspect.type]! + (luminary ? 2 : 0));
    }
  });

  it("finds every pair within orb exactly once", () => {
    for (const chart of charts.slice(0, 10)) {
      const seen = new Set(chart.aspects.map((a) => `${a.a}-${a.b}`));
      expect(seen.size).toBe(chart.aspects.length);
      for (const p of chart.bodies) {
        for (const q of chart.bodies) {
          if (BODY_IDS.indexOf(p.id) >= BODY_IDS.indexOf(q.id)) continue;
          if (p.id === "meanNode" && q.id === "trueNode") continue;
          const sep = separation(p.longitude, q.longitude);
          const luminary = ["sun", "moon"].some((x) => x === p.id || x === q.id);
          const inOrb = chart.input.aspectTypes.some(
            (t) => Math.abs(sep - ASPECT_ANGLES[t]) <= chart.input.orbs[t]! + (luminary ? 2 : 0),
          );
          expect(seen.has(`${p.id}-${q.id}`)).toBe(inOrb);
        }
      }
    }
  });

  it("calls an aspect applying when the orb shrinks a moment later", () => {
    for (const { aspect, a, b } of aspectsOf(charts)) {
      const dt = 1e-3;
      const later = Math.abs(
        separation(a.longitude + a.speed * dt, b.longitude + b.speed * dt) - aspect.exactAngle,
      );
      if (Math.abs(later - aspect.orb) > 1e-7) expect(aspect.applying).toBe(later < aspect.orb);
    }
  });

  it("counts the balance over the ten planets and the two angles", () => {
    for (const chart of charts) {
      const e = chart.balance.elements;
      const m = chart.balance.modalities;
      expect(e.fire + e.earth + e.air + e.water).toBe(12);
      expect(m.cardinal + m.fixed + m.mutable).toBe(12);
      expect(chart.balance.points).toHaveLength(12);
    }
  });

  it("leaves out houses and angles when the time is unknown", () => {
    const chart = computeChart({
      datetime: "1990-06-15",
      timezone: "Europe/London",
      latitude: 51.5,
      longitude: 0,
      timeUnknown: true,
    });
    expect(chart.houses).toBeNull();
    expect(chart.angles).toBeNull();
    expect(chart.bodies.every((b) => b.house === null)).toBe(true);
    expect(chart.input.datetime).toBe("1990-06-15T12:00:00");
    expect(chart.balance.points).toHaveLength(10);
  });

  it("falls back to Porphyry inside the polar circle with a warning", () => {
    const chart = computeChart({
      datetime: "2000-06-21T12:00Z",
      latitude: 78.2,
      longitude: 15.6,
      houseSystem: "koch",
    });
    expect(chart.houses!.system).toBe("koch");
    expect(chart.houses!.systemUsed).toBe("porphyry");
    expect(chart.meta.warnings.map((w) => w.code)).toContain("HOUSE_SYSTEM_FALLBACK");
    expect(JSON.stringify(chart)).not.toContain("null,null");
  });

  it("honours the bodies, aspect types and orbs asked for", () => {
    const chart = computeChart({
      ...INPUTS[0]!,
      bodies: ["moon", "sun"],
      aspectTypes: ["opposition"],
      orbs: { opposition: 15 },
    });
    expect(chart.bodies.map((b) => b.id)).toEqual(["sun", "moon"]);
    expect(chart.aspects.every((a) => a.type === "opposition")).toBe(true);
  });
});
