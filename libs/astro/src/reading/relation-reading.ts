import { MAJOR_ASPECT_TYPES } from "../aspect-types.js";
import { PLANET_IDS, type PlanetId } from "../body-ids.js";
import { houseOf } from "../chart.js";
import { checkedOptions, isPlainObject } from "../chart-input.js";
import type { Chart } from "../chart-types.js";
import { assertChart } from "../chart-validation.js";
import {
  COMPATIBILITY_THEMES,
  type Compatibility,
  computeCompatibility,
} from "../compatibility.js";
import { ENGINE_VERSION } from "../engine-version.js";
import { AstroError, guarded } from "../errors.js";
import type { TimelineEvent, TransitTimeline } from "../transit-timeline.js";
import type { NatalTarget } from "../transits.js";
import type { Sign } from "../zodiac.js";
import { formatOrb, type MajorAspectType, type ReadingLanguage } from "./language.js";
import { PhraseGuard } from "./phrase-guard.js";
import type { ReadingParagraph, ReadingSection } from "./reading.js";
import { readingLanguage } from "./reading.js";
import { SYNASTRY_TEXTS, signNames, TRANSIT_TEXTS } from "./relation-texts.js";
import { pickVariant } from "./text-choice.js";
import { NATAL_TEXTS } from "./texts.js";

export const SYNASTRY_READING_SECTIONS = ["compatibility", "aspects", "overlays"] as const;
export type SynastryReadingSectionId = (typeof SYNASTRY_READING_SECTIONS)[number];

export interface SynastryReading {
  language: ReadingLanguage;
  sections: ReadingSection<SynastryReadingSectionId>[];
  compatibility: Compatibility;
  meta: { engineVersion: string };
}

export interface SynastryReadingOptions {
  language?: ReadingLanguage;
  /** How the text names the two people (1–40 characters each); default "A" and "B". */
  names?: { a?: string; b?: string };
}

export const TRANSIT_READING_SECTIONS = ["overview", "aspects", "sky"] as const;
export type TransitReadingSectionId = (typeof TRANSIT_READING_SECTIONS)[number];

export interface TransitReading {
  language: ReadingLanguage;
  sections: ReadingSection<TransitReadingSectionId>[];
  meta: { engineVersion: string };
}

export interface TransitReadingOptions {
  language?: ReadingLanguage;
}

/** At most this many contacts and events are read, the weightiest first. */
const MAX_SYNASTRY_ASPECTS = 10;
const MAX_TRANSITS = 10;
const MAX_SKY_EVENTS = 10;
const MAX_NAME_LENGTH = 40;
const OVERLAY_PLANETS: readonly PlanetId[] = ["sun", "moon", "venus", "mars"];

function personName(value: unknown, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (
    typeof value !== "string" ||
    value.trim() === "" ||
    value.length > MAX_NAME_LENGTH ||
    /[\p{Cc}]/u.test(value)
  ) {
    throw new AstroError(
      "INVALID_OPTION",
      field,
      `a name must be 1 to ${MAX_NAME_LENGTH} printable characters`,
    );
  }
  return value.trim();
}

/**
 * A reading of two charts together: their compatibility (score, harmony and tension, themes),
 * the strongest contacts between them, and where each one's Sun, Moon, Venus and Mars fall in
 * the other's houses. Each paragraph names its basis, as natal readings do.
 */
export function generateSynastryReading(
  a: Chart,
  b: Chart,
  readingOptions?: SynastryReadingOptions,
): SynastryReading {
  return guarded("generateSynastryReading", () => {
    assertChart(a, "a");
    assertChart(b, "b");
    const given = checkedOptions(readingOptions, ["language", "names"], "synastry reading");
    const language = readingLanguage(given.language, "options.language");
    const t = SYNASTRY_TEXTS[language];
    const names = given.names === undefined ? {} : given.names;
    if (!isPlainObject(names))
      throw new AstroError("INVALID_OPTION", "options.names", "names must be an object");
    const nameA = personName(names.a, "options.names.a", t.defaultNames[0]);
    const nameB = personName(names.b, "options.names.b", t.defaultNames[1]);
    const guard = new PhraseGuard(NATAL_TEXTS[language].finish);
    const terse = NATAL_TEXTS[language].terse;
    const compatibility = computeCompatibility(a, b);

    const summary: ReadingParagraph[] = [
      {
        text: [
          guard.say(t.score(compatibility.score, nameA, nameB)),
          guard.say(t.weights(compatibility.harmony, compatibility.tension)),
        ].join(" "),
        basis: ["compatibility:score"],
      },
    ];
    const strongest = [...COMPATIBILITY_THEMES].sort(
      (x, y) => compatibility.themes[y] - compatibility.themes[x],
    )[0]!;
    summary.push({
      text: [
        guard.say(t.themeScores(compatibility.themes)),
        guard.say(t.strongest(strongest)),
      ].join(" "),
      basis: COMPATIBILITY_THEMES.map((theme) => `compatibility:theme:${theme}`),
    });

    const aspects = compatibility.factors.slice(0, MAX_SYNASTRY_ASPECTS).map((f, index) => {
      const type = f.type as MajorAspectType;
      const slots = {
        x: t.possessed(f.a, nameA),
        y: t.possessed(f.b, nameB),
        themeX: t.possessedTheme(f.a, nameA),
        themeY: t.possessedTheme(f.b, nameB),
        orb: formatOrb(f.orb),
      };
      const candidates = t.aspects[type].map((template) => template(slots));
      const sentences = [
        guard.choose(
          candidates,
          t.aspectFallback(slots.x, type, slots.y, slots.orb),
          pickVariant(`${f.a}:${type}:${f.b}`, candidates.length),
          `${terse.names[f.a]} ${terse.aspects[type]} ${terse.names[f.b]} ${slots.orb}.`,
        ),
      ];
      const meaning = guard.pick(t.meanings[f.nature], index);
      if (meaning !== null) sentences.push(meaning);
      return { text: sentences.join(" "), basis: [`synastry:a.${f.a}:${f.type}:b.${f.b}`] };
    });

    const overlays: ReadingParagraph[] = [];
    for (const [guest, host, guestName, hostName, guestKey, hostKey] of [
      [a, b, nameA, nameB, "a", "b"],
      [b, a, nameB, nameA, "b", "a"],
    ] as const) {
      if (host.houses === null) continue;
      for (const id of OVERLAY_PLANETS) {
        const body = guest.bodies.find((x) => x.id === id);
        if (body === undefined) continue;
        const house = houseOf(body.longitude, host.houses.cusps);
        const planet = t.possessed(id, guestName);
        const candidates = t.overlay(planet, hostName, house, t.houseTopics[house - 1]!);
        overlays.push({
          text: guard.choose(
            candidates,
            t.overlayFallback(planet, hostName, house),
            pickVariant(`${guestKey}:${id}:${house}`, candidates.length),
            `${terse.names[id]} (${guestName}): ${terse.house} ${house}.`,
          ),
          basis: [`overlay:${guestKey}.${id}:${hostKey}.house:${house}`],
        });
      }
    }

    const sections: ReadingSection<SynastryReadingSectionId>[] = [
      { id: "compatibility", title: t.titles.compatibility, paragraphs: summary },
    ];
    if (aspects.length > 0)
      sections.push({ id: "aspects", title: t.titles.aspects, paragraphs: aspects });
    if (overlays.length > 0)
      sections.push({ id: "overlays", title: t.titles.overlays, paragraphs: overlays });
    return { language, sections, compatibility, meta: { engineVersion: ENGINE_VERSION } };
  });
}

// How much a transit counts: slow planets and the chart's personal points most.
const TRANSIT_WEIGHT: Readonly<Record<string, number>> = {
  pluto: 5,
  neptune: 4.5,
  uranus: 4,
  saturn: 3.5,
  jupiter: 3,
  mars: 2,
  sun: 1.5,
  venus: 1.5,
  mercury: 1.5,
  moon: 0.5,
};
const NATAL_WEIGHT: Readonly<Record<string, number>> = {
  sun: 3,
  moon: 3,
  ascendant: 3,
  midheaven: 3,
  mercury: 2,
  venus: 2,
  mars: 2,
  jupiter: 1.5,
  saturn: 1.5,
};
const SLOW: readonly string[] = ["mars", "jupiter", "saturn", "uranus", "neptune", "pluto"];

function assertTimeline(value: unknown): asserts value is TransitTimeline {
  if (
    !isPlainObject(value) ||
    typeof value.from !== "string" ||
    typeof value.to !== "string" ||
    !Array.isArray(value.events)
  ) {
    throw new AstroError(
      "INVALID_INPUT",
      "timeline",
      "timeline is not a result of computeTransitTimeline",
    );
  }
}

/**
 * A reading of a transit timeline: how busy the period is, the weightiest transits (slow
 * planets to personal points first) with their dates, and the stations and ingresses of the
 * planets from Mercury out. Dates are in UTC, written in the language's own style.
 */
export function generateTransitReading(
  timeline: TransitTimeline,
  readingOptions?: TransitReadingOptions,
): TransitReading {
  return guarded("generateTransitReading", () => {
    assertTimeline(timeline);
    const given = checkedOptions(readingOptions, ["language"], "transit reading");
    const language = readingLanguage(given.language, "options.language");
    const t = TRANSIT_TEXTS[language];
    const names = NATAL_TEXTS[language].pointNames;
    const signs = signNames(language);
    const guard = new PhraseGuard(NATAL_TEXTS[language].finish);
    const terse = NATAL_TEXTS[language].terse;
    const format = new Intl.DateTimeFormat(t.locale, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    const date = (utc: string) => format.format(new Date(utc));
    const from = date(timeline.from);
    const to = date(timeline.to);

    // Minor aspects, when a timeline asked for them, are listed there but not read.
    const aspects = timeline.events.filter(
      (e): e is Extract<TimelineEvent, { type: "aspect" }> =>
        e.type === "aspect" && (MAJOR_ASPECT_TYPES as readonly string[]).includes(e.aspect),
    );
    const weight = (e: (typeof aspects)[number]) =>
      (TRANSIT_WEIGHT[e.transit] ?? 1) *
      (NATAL_WEIGHT[e.natal] ?? 1) *
      (e.exact.length > 0 ? 1 : 0.6);
    const chosen = aspects
      .map((e, order) => ({ e, order, w: weight(e) }))
      .sort((x, y) => y.w - x.w || x.order - y.order)
      .slice(0, MAX_TRANSITS);

    const overview: ReadingParagraph = {
      text: guard.say(
        aspects.length === 0 ? t.quiet(from, to) : t.overview(aspects.length, from, to),
      ),
      basis: [`transits:${timeline.from}:${timeline.to}`],
    };
    const brought = new Map<string, number>();
    const transitParagraphs = chosen.map(({ e }) => {
      const type = e.aspect as MajorAspectType;
      const slots = {
        body: names[e.transit],
        natal: t.natal(e.natal as NatalTarget),
        period: t.period(
          e.enters === null ? null : date(e.enters),
          e.leaves === null ? null : date(e.leaves),
        ),
        exact: t.exact(e.exact.map(date)),
      };
      const candidates = t.headlines[type].map((template) => template(slots));
      const sentences = [
        guard.choose(
          candidates,
          t.headlineFallback(
            slots.body,
            type,
            slots.natal,
            date(e.exact[0] ?? e.enters ?? timeline.from),
          ),
          pickVariant(`${e.transit}:${type}:${e.natal}`, candidates.length),
          `${terse.names[e.transit]} ${terse.aspects[type]} ${terse.names[e.natal]} ${(e.exact[0] ?? e.enters ?? timeline.from).slice(0, 10)}.`,
        ),
      ];
      const meaning = t.brings[e.transit as PlanetId];
      if (meaning !== undefined) {
        const used = brought.get(e.transit) ?? 0;
        const said = guard.pick(meaning, used);
        if (said !== null) sentences.push(said);
        brought.set(e.transit, used + 1);
      }
      return { text: sentences.join(" "), basis: [`transit:${e.transit}:${e.aspect}:${e.natal}`] };
    });

    const sky = timeline.events
      .filter(
        (e): e is Extract<TimelineEvent, { type: "station" | "ingress" }> =>
          (e.type === "station" &&
            (PLANET_IDS as readonly string[]).includes(e.body) &&
            e.body !== "sun" &&
            e.body !== "moon") ||
          (e.type === "ingress" && SLOW.includes(e.body)),
      )
      .slice(0, MAX_SKY_EVENTS)
      .map((e) => {
        const body = names[e.body];
        const sign = signs[e.sign as Sign];
        const when = date(e.utc);
        const candidates =
          e.type === "station"
            ? t.station(body, e.direction, when, sign)
            : t.ingress(body, sign, when, e.retrograde);
        const fallback =
          e.type === "station"
            ? t.stationFallback(body, e.direction, when)
            : t.ingressFallback(body, sign, when);
        const sentences = [
          guard.choose(
            candidates,
            fallback,
            pickVariant(`${e.body}:${e.utc}`, candidates.length),
            `${terse.names[e.body]} ${e.type === "station" ? terse[e.direction] : sign} ${e.utc.slice(0, 10)}.`,
          ),
        ];
        const pool =
          e.type === "station"
            ? t.stationMeanings[e.direction]
            : t.ingressMeanings[e.retrograde ? "back" : "forward"];
        const said = guard.pick(pool, pickVariant(e.utc, pool.length));
        if (said !== null) sentences.push(said);
        return {
          text: sentences.join(" "),
          basis: [
            e.type === "station"
              ? `station:${e.body}:${e.direction}:${e.utc}`
              : `ingress:${e.body}:${e.sign}:${e.utc}`,
          ],
        };
      });

    const sections: ReadingSection<TransitReadingSectionId>[] = [
      { id: "overview", title: t.titles.overview, paragraphs: [overview] },
    ];
    if (transitParagraphs.length > 0)
      sections.push({ id: "aspects", title: t.titles.aspects, paragraphs: transitParagraphs });
    if (sky.length > 0) sections.push({ id: "sky", title: t.titles.sky, paragraphs: sky });
    return { language, sections, meta: { engineVersion: ENGINE_VERSION } };
  });
}
