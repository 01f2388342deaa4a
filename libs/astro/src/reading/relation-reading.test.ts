import { describe, expect, it } from "vitest";
import { randomBirths } from "../births.test-support.js";
import {
  AstroError,
  type Chart,
  computeChart,
  computeCompatibility,
  computeTransitTimeline,
  generateSynastryReading,
  generateTransitReading,
  PLANET_IDS,
  type TransitTimeline,
} from "../index.js";

interface Readable {
  sections: { id: string; title: string; paragraphs: { text: string; basis: string[] }[] }[];
}

// The repetition rule as in reading-phrases.test.ts, counted independently of the engine.
function repeats(reading: Readable): string[] {
  const seen = new Map<string, number>();
  for (const section of reading.sections) {
    for (const p of section.paragraphs) {
      for (const sentence of p.text.split(/(?<=[.!?])\s+/)) {
        const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
        const keys = [`s:${words.join(" ")}`];
        for (let i = 0; i + 6 <= words.length; i++)
          keys.push(`p:${words.slice(i, i + 6).join(" ")}`);
        for (const key of new Set(keys)) seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
  }
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

const shape = (r: Readable) =>
  r.sections.map((s) => ({ id: s.id, basis: s.paragraphs.map((p) => p.basis) }));

const PEOPLE: Chart[] = randomBirths(120, {
  seed: 7,
  firstYear: 1920,
  years: 150,
  south: -55,
  latitudeSpan: 115,
}).map(computeChart);
const PAIRS = Array.from({ length: 60 }, (_, i) => [PEOPLE[2 * i]!, PEOPLE[2 * i + 1]!] as const);
const TIMELINES: TransitTimeline[] = PEOPLE.slice(0, 24).map((natal, i) =>
  computeTransitTimeline(natal, {
    from: `${2000 + i}-0${1 + (i % 9)}-01`,
    to: `${2001 + i}-0${1 + (i % 9)}-01`,
    ...(i % 3 === 0
      ? {
          bodies: [...PLANET_IDS],
        }
      : {}),
  }),
);

describe.each(["en", "es", "pt"] as const)(
  "relationship and transit readings in %s",
  (language) => {
    it("never repeat a sentence or six-word phrase in a synastry reading", {
      timeout: 60_000,
    }, () => {
      for (const [a, b] of PAIRS) {
        expect(
          repeats(generateSynastryReading(a, b, { language, names: { a: "Maria", b: "João" } })),
        ).toEqual([]);
      }
    });

    it("never repeat a sentence or six-word phrase in a transit reading", {
      timeout: 60_000,
    }, () => {
      for (const timeline of TIMELINES)
        expect(repeats(generateTransitReading(timeline, { language }))).toEqual([]);
    });

    it("keep the English structure and basis", { timeout: 60_000 }, () => {
      for (const [a, b] of PAIRS.slice(0, 20)) {
        expect(shape(generateSynastryReading(a, b, { language }))).toEqual(
          shape(generateSynastryReading(a, b)),
        );
      }
      for (const timeline of TIMELINES.slice(0, 8)) {
        expect(shape(generateTransitReading(timeline, { language }))).toEqual(
          shape(generateTransitReading(timeline)),
        );
      }
    });

    it("fill every template", { timeout: 60_000 }, () => {
      const readings: Readable[] = [
        ...PAIRS.slice(0, 20).map(([a, b]) => generateSynastryReading(a, b, { language })),
        ...TIMELINES.slice(0, 8).map((t) => generateTransitReading(t, { language })),
      ];
      for (const r of readings) {
        for (const section of r.sections) {
          for (const p of section.paragraphs) {
            expect(p.text).not.toMatch(/undefined|NaN|\$\{|\bnull\b| {2}|\.\.|\s[,.;:]/);
            expect(p.text).toMatch(/^\p{Lu}.*[.)]$/su);
            expect(p.basis.length).toBeGreaterThan(0);
          }
        }
      }
    });
  },
);

describe("generateSynastryReading", () => {
  const [a, b] = PAIRS[0]!;

  it("opens with the compatibility score and reads the heaviest contacts", () => {
    const reading = generateSynastryReading(a, b, { names: { a: "Ana", b: "Ben" } });
    const compatibility = computeCompatibility(a, b);
    expect(reading.compatibility).toEqual(compatibility);
    expect(reading.sections[0]!.paragraphs[0]!.text).toContain(
      `score ${compatibility.score} out of 100`,
    );
    const aspects = reading.sections.find((s) => s.id === "aspects")!;
    expect(aspects.paragraphs.map((p) => p.basis[0])).toEqual(
      compatibility.factors.slice(0, 10).map((f) => `synastry:a.${f.a}:${f.type}:b.${f.b}`),
    );
    expect(aspects.paragraphs[0]!.text).toMatch(/Ana's|Ben's/);
  });

  it("places each one's Sun, Moon, Venus and Mars in the other's houses when known", () => {
    const timed = PAIRS.find(([x, y]) => x.houses !== null && y.houses !== null)!;
    const overlays = generateSynastryReading(timed[0], timed[1]).sections.find(
      (s) => s.id === "overlays",
    )!;
    expect(overlays.paragraphs).toHaveLength(8);
    expect(overlays.paragraphs[0]!.basis[0]).toMatch(/^overlay:a\.sun:b\.house:\d+$/);
  });

  it("rejects bad names and languages", () => {
    const code = (options: object) => {
      try {
        generateSynastryReading(a, b, options as never);
      } catch (e) {
        return `${(e as AstroError).code}@${(e as AstroError).field}`;
      }
      return "none";
    };
    expect(code({ names: { a: "" } })).toBe("INVALID_OPTION@options.names.a");
    expect(code({ names: { b: "x".repeat(41) } })).toBe("INVALID_OPTION@options.names.b");
    expect(code({ language: "fr" })).toBe("INVALID_OPTION@options.language");
    expect(code({ tone: "kind" })).toBe("INVALID_OPTION@options.tone");
  });
});

describe("generateTransitReading", () => {
  const timeline = TIMELINES[1]!;

  it("reads the weightiest transits, slow planets first, each with its basis", () => {
    const reading = generateTransitReading(timeline);
    const aspects = reading.sections.find((s) => s.id === "aspects")!;
    expect(aspects.paragraphs.length).toBeGreaterThan(0);
    expect(aspects.paragraphs.length).toBeLessThanOrEqual(10);
    const known = new Set(
      timeline.events.flatMap((e) =>
        e.type === "aspect" ? [`transit:${e.transit}:${e.aspect}:${e.natal}`] : [],
      ),
    );
    for (const p of aspects.paragraphs) expect(known.has(p.basis[0]!)).toBe(true);
    expect(aspects.paragraphs[0]!.basis[0]).toMatch(
      /^transit:(pluto|neptune|uranus|saturn|jupiter)/,
    );
  });

  it("writes dates in each language's own style", () => {
    const dates = {
      en: /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
      es: /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/,
      pt: /\d{1,2} de (janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro) de \d{4}/,
    } as const;
    for (const language of ["en", "es", "pt"] as const) {
      const text = generateTransitReading(timeline, { language }).sections[0]!.paragraphs[0]!.text;
      expect(text).toMatch(dates[language]);
    }
  });

  it("rejects what is not a timeline", () => {
    expect(() => generateTransitReading({ events: 3 } as never)).toThrow(AstroError);
  });
});
