import { describe, expect, it } from "vitest";
import { randomBirths } from "../births.test-support.js";
import { type ChartInput, computeChart, generateReading, type Reading } from "../index.js";
import { NATAL_TEXTS } from "./texts.js";

// The repetition rule, counted independently of the engine: sentences split after . ! ?,
// words as runs of letters and digits, in lower case; no sentence and no run of six words may
// occur twice in one reading.
function repeats(reading: Reading): string[] {
  const sentences = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const section of reading.sections) {
    for (const p of section.paragraphs) {
      for (const sentence of p.text.split(/(?<=[.!?])\s+/)) {
        const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
        const key = words.join(" ");
        sentences.set(key, (sentences.get(key) ?? 0) + 1);
        for (let i = 0; i + 6 <= words.length; i++) {
          const phrase = words.slice(i, i + 6).join(" ");
          phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
        }
      }
    }
  }
  return [...sentences, ...phrases].filter(([, n]) => n > 1).map(([text]) => text);
}

// Births over 1900–2100, with wide orbs of the major aspects for crowded skies.
const INPUTS: ChartInput[] = randomBirths(300, {
  seed: 20240615,
  firstYear: 1900,
  years: 200,
  south: -60,
  latitudeSpan: 125,
}).map((input) => ({
  ...input,
  aspectTypes: ["conjunction", "sextile", "square", "trine", "opposition"],
  orbs: { conjunction: 10, opposition: 10, square: 8, trine: 8, sextile: 6 },
}));
const CHARTS = INPUTS.map((input) => ({ input, chart: computeChart(input) }));

describe.each(["en", "es", "pt"] as const)("readings in %s", (language) => {
  it("never repeat a sentence or a six-word phrase, over 300 random charts", {
    timeout: 60_000,
  }, () => {
    for (const { input, chart } of CHARTS) {
      expect(repeats(generateReading(chart, { language })), input.datetime).toEqual([]);
    }
  });

  it("have the structure and basis of the English reading", { timeout: 60_000 }, () => {
    for (const { chart } of CHARTS.slice(0, 60)) {
      const shape = (r: Reading) =>
        r.sections.map((s) => ({ id: s.id, basis: s.paragraphs.map((p) => p.basis) }));
      const reading = generateReading(chart, { language });
      expect(reading.language).toBe(language);
      expect(shape(reading)).toEqual(shape(generateReading(chart)));
    }
  });

  it("fill every template: no placeholders, no empty paragraphs", { timeout: 60_000 }, () => {
    for (const { chart } of CHARTS) {
      for (const section of generateReading(chart, { language }).sections) {
        expect(section.title.length).toBeGreaterThan(3);
        for (const p of section.paragraphs) {
          expect(p.text).not.toMatch(/undefined|NaN|\$\{|\bnull\b| {2}|\.\.|\s[,.;:]/);
          expect(p.text).toMatch(/^[\p{Lu}¿¡].*[.)]$/su);
        }
      }
    }
  });
});

describe.each(["en", "es", "pt"] as const)("the %s phrases that recur", (language) => {
  // A phrase slotted into several sentences of one reading must be shorter than the repeated
  // run the rule forbids, or its second use would repeat it.
  it("have at most five words", () => {
    const t = NATAL_TEXTS[language];
    const slots = [
      ...Object.values(t.signs).flatMap((s) => [...s.styles, s.need, ...s.gifts, ...s.shadows]),
      ...t.houseAreas.flat(),
      ...Object.values(t.pointThemes).flat(),
    ];
    const long = slots.filter((phrase) => (phrase.match(/[\p{L}\p{N}]+/gu) ?? []).length > 5);
    expect(long).toEqual([]);
  });
});
