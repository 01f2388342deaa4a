import { describe, expect, it } from "vitest";
import { LIVERPOOL_1940 as BASE } from "../births.test-support.js";
import {
  AstroError,
  type ChartInput,
  computeChart,
  generateReading,
  READING_SECTIONS,
  SIGNS,
} from "../index.js";

// Charts over two centuries and both hemispheres, so every sign and house turns up.
const INPUTS: ChartInput[] = Array.from({ length: 60 }, (_, i) => ({
  datetime: `${1905 + i * 3}-${String(1 + ((i * 5) % 12)).padStart(2, "0")}-${String(1 + ((i * 11) % 28)).padStart(2, "0")}T${String((i * 7) % 24).padStart(2, "0")}:45`,
  utcOffset: "+00:00",
  latitude: -50 + ((i * 17) % 110),
  longitude: -170 + ((i * 53) % 340),
  timeUnknown: i % 5 === 0,
}));

const paragraphs = (r: ReturnType<typeof generateReading>) =>
  r.sections.flatMap((s) => s.paragraphs);

describe("generateReading", () => {
  it("returns every section, each paragraph citing the placements it draws on", () => {
    const chart = computeChart(BASE);
    const reading = generateReading(chart);
    expect(reading.sections.map((s) => s.id)).toEqual([...READING_SECTIONS]);
    const sun = chart.bodies.find((b) => b.id === "sun")!;
    expect(reading.sections[1]!.paragraphs[0]!.basis).toEqual([`sun:sign:${sun.sign}`]);
    for (const p of paragraphs(reading)) {
      expect(p.basis.length).toBeGreaterThan(0);
      expect(p.text).toMatch(/^\p{Lu}.*[.)]$/su);
    }
  });

  it("draws each aspect paragraph from an aspect that is in the chart", () => {
    const chart = computeChart(BASE);
    const inChart = new Set(chart.aspects.map((a) => `aspect:${a.a}:${a.type}:${a.b}`));
    const section = generateReading(chart).sections.find((s) => s.id === "aspects")!;
    for (const p of section.paragraphs) expect(inChart.has(p.basis[0]!)).toBe(true);
  });

  it("never repeats a paragraph within one reading", () => {
    for (const input of INPUTS) {
      const texts = paragraphs(generateReading(computeChart(input))).map((p) => p.text);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it("fills every template: no placeholders, undefined values or doubled words", () => {
    for (const input of INPUTS) {
      for (const p of paragraphs(generateReading(computeChart(input)))) {
        expect(p.text).not.toMatch(/undefined|NaN|\$\{|\bnull\b/);
        expect(p.text).not.toMatch(/\b(\w+) \1\b/i);
        expect(p.text).not.toMatch(/ {2}|\.\./);
      }
    }
  });

  it("varies with the chart: different Sun signs read differently", () => {
    const bySign = new Map<string, string>();
    for (const input of INPUTS) {
      const chart = computeChart(input);
      const sun = chart.bodies.find((b) => b.id === "sun")!;
      bySign.set(
        sun.sign,
        generateReading(chart, { sections: ["sun"] }).sections[0]!.paragraphs[0]!.text,
      );
    }
    expect(new Set(bySign.values()).size).toBe(bySign.size);
    expect(bySign.size).toBe(SIGNS.length);
  });

  it("omits house and ascendant material when the birth time is unknown", () => {
    const chart = computeChart({ ...BASE, datetime: "1940-10-09", timeUnknown: true });
    const reading = generateReading(chart);
    expect(reading.meta.timeUnknown).toBe(true);
    expect(reading.sections.map((s) => s.id)).not.toContain("ascendant");
    const note = paragraphs(reading).filter((p) => p.basis.includes("time:unknown"));
    expect(note).toHaveLength(1);
    for (const p of paragraphs(reading)) {
      expect(p.basis.join(" ")).not.toMatch(/house|ascendant|midheaven/);
      // Only the note explaining the omission may mention houses or the rising sign.
      if (p !== note[0]) expect(p.text).not.toMatch(/ house\b|rising/);
    }
  });

  it("is deterministic", () => {
    const chart = computeChart(BASE);
    expect(JSON.stringify(generateReading(chart))).toBe(
      JSON.stringify(generateReading(structuredClone(chart))),
    );
  });

  it("returns only the sections asked for, in the standard order", () => {
    const reading = generateReading(computeChart(BASE), {
      language: "en",
      sections: ["balance", "sun"],
    });
    expect(reading.sections.map((s) => s.id)).toEqual(["sun", "balance"]);
  });

  it("says a tie in elements or modalities as a tie", () => {
    for (const input of INPUTS) {
      const chart = computeChart(input);
      const reading = generateReading(chart, { sections: ["balance"] });
      const max = Math.max(...Object.values(chart.balance.elements));
      const tied = Object.entries(chart.balance.elements).filter(([, n]) => n === max);
      const lead = reading.sections[0]!.paragraphs[0]!;
      expect(lead.basis).toEqual(tied.map(([e]) => `balance:element:${e}`));
      if (tied.length > 1) {
        expect(lead.text).toMatch(/share the lead/);
        expect(lead.text).not.toMatch(/strongest element/);
      }
    }
  });

  it("rejects unknown sections and languages with INVALID_OPTION", () => {
    const chart = computeChart(BASE);
    for (const options of [{ sections: ["horoscope"] }, { language: "fr" }, { colour: "red" }]) {
      try {
        generateReading(chart, options as never);
        throw new Error("expected an error");
      } catch (e) {
        expect(e).toBeInstanceOf(AstroError);
        expect((e as AstroError).code).toBe("INVALID_OPTION");
      }
    }
  });
});
