import { MAJOR_ASPECT_TYPES } from "../aspect-types.js";
import { type BodyId, PLANET_IDS } from "../body-ids.js";
import { checkedOptions } from "../chart-input.js";
import type { Chart, ChartBody } from "../chart-types.js";
import { assertChart } from "../chart-validation.js";
import { ENGINE_VERSION } from "../engine-version.js";
import { AstroError, guarded } from "../errors.js";
import type { Sign } from "../zodiac.js";
import {
  formatOrb,
  type MajorAspectType,
  type NatalTexts,
  type PersonalPlanetId,
  READING_LANGUAGES,
  type ReadingLanguage,
  type SignSlots,
} from "./language.js";
import { PhraseGuard } from "./phrase-guard.js";
import { pickVariant } from "./text-choice.js";
import { NATAL_TEXTS } from "./texts.js";

export const READING_SECTIONS = [
  "overview",
  "sun",
  "moon",
  "ascendant",
  "planets",
  "aspects",
  "balance",
] as const;
export type ReadingSectionId = (typeof READING_SECTIONS)[number];

export interface ReadingParagraph {
  text: string;
  /** The placements the paragraph was drawn from, e.g. "sun:sign:leo", "aspect:sun:trine:moon". */
  basis: string[];
}

export interface ReadingSection<Id extends string = ReadingSectionId> {
  id: Id;
  title: string;
  paragraphs: ReadingParagraph[];
}

export interface Reading {
  language: ReadingLanguage;
  sections: ReadingSection[];
  meta: { engineVersion: string; timeUnknown: boolean };
}

export interface ReadingOptions {
  /** "en" (default), "es" or "pt" (Brazilian Portuguese). */
  language?: ReadingLanguage;
  /** Sections to include, in READING_SECTIONS order; default all. */
  sections?: ReadingSectionId[];
}

/** At most this many aspects are read, tightest first, so that the section stays readable. */
const MAX_ASPECTS = 12;

const isPlanet = (id: string) => (PLANET_IDS as readonly string[]).includes(id);
const PERSONAL: readonly BodyId[] = ["sun", "moon", "mercury", "venus", "mars"];
const OUTER: readonly BodyId[] = ["uranus", "neptune", "pluto"];

interface Context {
  readonly chart: Chart;
  readonly byId: ReadonlyMap<BodyId, ChartBody>;
  readonly timeKnown: boolean;
  readonly t: NatalTexts;
  readonly guard: PhraseGuard;
}

/** Every wording of a sign's traits: two styles, gifts and shadows each. */
function slotVariants(t: NatalTexts, sign: Sign): SignSlots[] {
  const traits = t.signs[sign];
  const out: SignSlots[] = [];
  for (let v = 0; v < 8; v++) {
    out.push({
      sign: traits.name,
      style: traits.styles[v & 1]!,
      gift: traits.gifts[(v >> 1) & 1]!,
      shadow: traits.shadows[(v >> 2) & 1]!,
      need: traits.need,
    });
  }
  return out;
}

function leaders<K extends string>(counts: Readonly<Record<K, number>>): K[] {
  const max = Math.max(...(Object.values(counts) as number[]));
  return (Object.keys(counts) as K[]).filter((k) => counts[k] === max && max > 0);
}

function overview(ctx: Context): ReadingParagraph[] {
  const { chart, byId, timeKnown, t, guard } = ctx;
  const sun = byId.get("sun");
  const moon = byId.get("moon");
  const rising = timeKnown && chart.angles ? chart.angles.ascendant.sign : undefined;
  const parts: string[] = [];
  const basis: string[] = [];
  if (sun) basis.push(`sun:sign:${sun.sign}`);
  if (moon) basis.push(`moon:sign:${moon.sign}`);
  if (rising) basis.push(`ascendant:sign:${rising}`);
  if (basis.length > 0) {
    parts.push(guard.say(t.overview.keys({ sun: sun?.sign, moon: moon?.sign, rising })));
  }
  const lead = leaders(chart.balance.elements);
  if (lead.length === 1) {
    parts.push(guard.say(t.overview.leadingElement(lead[0]!)));
    basis.push(`balance:element:${lead[0]}`);
  } else if (lead.length > 1) {
    parts.push(guard.say(t.overview.sharedElements(lead)));
    basis.push(...lead.map((e) => `balance:element:${e}`));
  }
  const paragraphs: ReadingParagraph[] = [];
  if (parts.length > 0) paragraphs.push({ text: parts.join(" "), basis });

  const bySign = new Map<Sign, ChartBody[]>();
  for (const p of chart.bodies.filter((b) => isPlanet(b.id))) {
    bySign.set(p.sign, [...(bySign.get(p.sign) ?? []), p]);
  }
  for (const [sign, group] of bySign) {
    if (group.length < 3) continue;
    const ids = group.map((g) => g.id);
    const candidates = slotVariants(t, sign).flatMap((s) => t.overview.stellium(ids, sign, s));
    paragraphs.push({
      text: guard.choose(
        candidates,
        t.overview.stelliumFallback(ids, sign),
        pickVariant(sign, candidates.length),
      ),
      basis: group.map((g) => `${g.id}:sign:${sign}`),
    });
  }
  if (!timeKnown) {
    const text = [guard.say(t.overview.timeUnknown)];
    const moonBasis: string[] = [];
    if (moon && (moon.degreeInSign < 6.5 || moon.degreeInSign > 23.5)) {
      text.push(guard.say(t.overview.moonNearEdge(moon.sign)));
      moonBasis.push(`moon:sign:${moon.sign}`);
    }
    paragraphs.push({ text: text.join(" "), basis: ["time:unknown", ...moonBasis] });
  }
  return paragraphs;
}

function houseSentence(ctx: Context, body: ChartBody): { text: string; basis: string } | null {
  if (!ctx.timeKnown || body.house === null || !isPlanet(body.id)) return null;
  const id = body.id as (typeof PLANET_IDS)[number];
  const template = ctx.t.planetInHouse[id];
  const candidates = ctx.t.houseAreas[body.house - 1]!.map((area) => template(body.house!, area));
  return {
    text: ctx.guard.choose(
      candidates,
      ctx.t.planetInHouseFallback(id, body.house),
      pickVariant(`${id}:${body.house}`, candidates.length),
    ),
    basis: `${id}:house:${body.house}`,
  };
}

function luminary(ctx: Context, id: "sun" | "moon"): ReadingParagraph[] {
  const body = ctx.byId.get(id);
  if (!body) return [];
  const texts = id === "sun" ? ctx.t.sunInSign : ctx.t.moonInSign;
  const paragraphs: ReadingParagraph[] = [
    {
      text: ctx.guard.keep(texts[body.sign], ctx.t.planetInSignFallback(id, body.sign)),
      basis: [`${id}:sign:${body.sign}`],
    },
  ];
  const house = houseSentence(ctx, body);
  if (house) paragraphs.push({ text: house.text, basis: [house.basis] });
  return paragraphs;
}

function ascendant(ctx: Context): ReadingParagraph[] {
  const angles = ctx.chart.angles;
  if (!ctx.timeKnown || angles === null) return [];
  const mc = angles.midheaven.sign;
  const candidates = slotVariants(ctx.t, mc).flatMap((s) => ctx.t.midheaven(s));
  return [
    {
      text: ctx.guard.keep(
        ctx.t.ascendantInSign[angles.ascendant.sign],
        ctx.t.ascendantFallback(angles.ascendant.sign),
      ),
      basis: [`ascendant:sign:${angles.ascendant.sign}`],
    },
    {
      text: ctx.guard.choose(
        candidates,
        ctx.t.midheavenFallback(mc),
        pickVariant(`mc:${mc}`, candidates.length),
      ),
      basis: [`midheaven:sign:${mc}`],
    },
  ];
}

function planets(ctx: Context): ReadingParagraph[] {
  const { t, guard } = ctx;
  const paragraphs: ReadingParagraph[] = [];
  let retrogradeCount = 0;
  for (const id of PLANET_IDS) {
    if (id === "sun" || id === "moon") continue;
    const body = ctx.byId.get(id);
    if (!body) continue;
    const planet = id as PersonalPlanetId;
    const slots = slotVariants(t, body.sign);
    const candidates = t.planetInSign[planet].flatMap((template) =>
      slots.map((s) => () => template(s)),
    );
    const sentences = [
      guard.choose(
        candidates,
        t.planetInSignFallback(planet, body.sign),
        pickVariant(`${id}:${body.sign}`, candidates.length),
      ),
    ];
    const basis = [`${id}:sign:${body.sign}`];
    const house = houseSentence(ctx, body);
    if (house) {
      sentences.push(house.text);
      basis.push(house.basis);
    }
    if (body.retrograde) {
      const notes = t.retrograde.map((note) => note(t.pointNames[id]));
      sentences.push(guard.choose(notes, t.retrogradeFallback(planet), retrogradeCount++));
      basis.push(`${id}:retrograde`);
    }
    paragraphs.push({ text: sentences.join(" "), basis });
  }
  return paragraphs;
}

function pairNotes(t: NatalTexts, a: BodyId, b: BodyId): readonly string[] {
  const personal = [a, b].filter((x) => PERSONAL.includes(x)).length;
  const outer = [a, b].filter((x) => OUTER.includes(x)).length;
  if (personal === 2) return t.pairNotes.personal;
  if (personal === 1 && outer === 1) return t.pairNotes.personalOuter;
  if (outer === 2) return t.pairNotes.outer;
  return [];
}

function aspects(ctx: Context): ReadingParagraph[] {
  const { t, guard } = ctx;
  const major = ctx.chart.aspects
    .filter(
      (a) =>
        isPlanet(a.a) &&
        isPlanet(a.b) &&
        (MAJOR_ASPECT_TYPES as readonly string[]).includes(a.type),
    )
    .sort((x, y) => x.orb - y.orb || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
    .slice(0, MAX_ASPECTS);
  return major.map((aspect, index) => {
    const a = aspect.a as BodyId;
    const b = aspect.b as BodyId;
    const type = aspect.type as MajorAspectType;
    const orb = formatOrb(aspect.orb);
    const candidates: (() => string)[] = [];
    for (const template of t.aspects[type].headlines) {
      for (let v = 0; v < 4; v++) {
        candidates.push(() =>
          template({
            a: t.pointNames[a],
            b: t.pointNames[b],
            themeA: t.pointThemes[a][v & 1]!,
            themeB: t.pointThemes[b][v >> 1]!,
            orb,
          }),
        );
      }
    }
    const sentences = [
      guard.choose(
        candidates,
        t.aspectFallback(a, type, b, orb),
        pickVariant(`${a}:${type}:${b}`, candidates.length),
        `${t.terse.names[a]} ${t.terse.aspects[type]} ${t.terse.names[b]} ${orb}.`,
      ),
    ];
    // What it means, and a remark on the kind of planets: each optional, left out once every
    // wording of it has been used in this reading.
    for (const pool of [t.aspects[type].meanings, pairNotes(t, a, b)]) {
      const said = guard.pick(pool, index);
      if (said !== null) sentences.push(said);
    }
    return { text: sentences.join(" "), basis: [`aspect:${a}:${aspect.type}:${b}`] };
  });
}

/** What leads a chart's balance: one element or modality, or those that tie for the most. */
interface BalanceLead<K extends string> {
  readonly kind: "element" | "modality";
  readonly counts: Readonly<Record<K, number>>;
  readonly names: Readonly<Record<K, string>>;
  lead(key: K, count: number, total: number): string;
  tie(keys: readonly K[], count: number, total: number): string;
}

function leadParagraph<K extends string>(
  ctx: Context,
  total: number,
  balanceLead: BalanceLead<K>,
): ReadingParagraph[] {
  const { t, guard } = ctx;
  const { kind, counts, names } = balanceLead;
  const leads = leaders(counts);
  if (leads.length === 0) return [];
  const count = counts[leads[0]!];
  const texts =
    leads.length === 1
      ? balanceLead.lead(leads[0]!, count, total)
      : balanceLead.tie(leads, count, total);
  const fallback = t.balance.countFallback(t.list(leads.map((k) => names[k])), count, total);
  return [
    {
      text: guard.keep(texts, fallback),
      basis: leads.map((k) => `balance:${kind}:${k}`),
    },
  ];
}

function balance(ctx: Context): ReadingParagraph[] {
  const { t, guard } = ctx;
  const { elements, modalities, points } = ctx.chart.balance;
  const total = points.length;
  if (total === 0) return [];
  const paragraphs = leadParagraph(ctx, total, {
    kind: "element",
    counts: elements,
    names: t.elements,
    lead: t.balance.elementLead,
    tie: t.balance.elementTie,
  });
  for (const [e, count] of Object.entries(elements) as [keyof typeof elements, number][]) {
    if (count <= 1 && total >= 8) {
      paragraphs.push({
        text: guard.keep(
          t.balance.elementWeak(e),
          t.balance.countFallback(t.elements[e], count, total),
        ),
        basis: [`balance:element:${e}`],
      });
    }
  }
  paragraphs.push(
    ...leadParagraph(ctx, total, {
      kind: "modality",
      counts: modalities,
      names: t.modalities,
      lead: t.balance.modalityLead,
      tie: t.balance.modalityTie,
    }),
  );
  return paragraphs;
}

const BUILDERS: Record<ReadingSectionId, (ctx: Context) => ReadingParagraph[]> = {
  overview,
  sun: (ctx) => luminary(ctx, "sun"),
  moon: (ctx) => luminary(ctx, "moon"),
  ascendant,
  planets,
  aspects,
  balance,
};

export function readingLanguage(value: unknown, field: string): ReadingLanguage {
  if (value === undefined) return "en";
  if (!(READING_LANGUAGES as readonly unknown[]).includes(value)) {
    throw new AstroError(
      "INVALID_OPTION",
      field,
      `language must be one of ${READING_LANGUAGES.join(", ")}`,
    );
  }
  return value as ReadingLanguage;
}

function readingOptions(options: unknown): {
  language: ReadingLanguage;
  sections: ReadingSectionId[];
} {
  if (options === undefined) return { language: "en", sections: [...READING_SECTIONS] };
  const given = checkedOptions(options, ["language", "sections"], "reading");
  const language = readingLanguage(given.language, "options.language");
  if (given.sections === undefined) return { language, sections: [...READING_SECTIONS] };
  if (!Array.isArray(given.sections)) {
    throw new AstroError("INVALID_OPTION", "options.sections", "sections must be an array");
  }
  given.sections.forEach((s, i) => {
    if (!(READING_SECTIONS as readonly unknown[]).includes(s)) {
      throw new AstroError(
        "INVALID_OPTION",
        `options.sections[${i}]`,
        `${JSON.stringify(s)} is not a section; use ${READING_SECTIONS.join(", ")}`,
      );
    }
  });
  return {
    language,
    sections: READING_SECTIONS.filter((s) => (given.sections as unknown[]).includes(s)),
  };
}

/**
 * A natal reading in English, Spanish or Brazilian Portuguese: sections of paragraphs, each
 * naming the placements it was drawn from (the same in every language). No sentence and no run
 * of six words occurs twice in one reading. House material is left out when the birth time is
 * unknown. The same chart, language and engine version always give the same text.
 */
export function generateReading(chart: Chart, options?: ReadingOptions): Reading {
  return guarded("generateReading", () => {
    assertChart(chart, "chart");
    const { language, sections: wanted } = readingOptions(options);
    const ctx: Context = {
      chart,
      byId: new Map(chart.bodies.map((b) => [b.id, b])),
      timeKnown: chart.houses !== null,
      t: NATAL_TEXTS[language],
      guard: new PhraseGuard(NATAL_TEXTS[language].finish),
    };
    const sections: ReadingSection[] = [];
    for (const id of wanted) {
      const paragraphs = BUILDERS[id](ctx);
      if (paragraphs.length > 0) sections.push({ id, title: ctx.t.titles[id], paragraphs });
    }
    return {
      language,
      sections,
      meta: { engineVersion: ENGINE_VERSION, timeUnknown: !ctx.timeKnown },
    };
  });
}
