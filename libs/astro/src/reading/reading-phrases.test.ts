import { describe, expect, it } from "vitest";
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

/** Deterministic pseudo-random births over 1900–2100, including crowded skies. */
function randomInputs(count: number): ChartInput[] {
  let seed = 20240615;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pad = (n: number) => String(n).padStart(2, "0");
  return Array.from({ length: count }, () => ({
    datetime: `${1900 + Math.floor(next() * 200)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}T${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}`,
    utcOffset: "+00:00",
    latitude: -60 + next() * 125,
    longitude: -180 + next() * 360,
    timeUnknown: next() < 0.15,
    aspectTypes: ["conjunction", "sextile", "square", "trine", "opposition"],
    orbs: { conjunction: 10, opposition: 10, square: 8, trine: 8, sextile: 6 },
  }));
}

const INPUTS = randomInputs(300);
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
