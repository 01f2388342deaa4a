import { MAJOR_ASPECT_TYPES } from "../aspect-types.js";
import { type BodyId, PLANET_IDS } from "../body-ids.js";
import { isPlainObject } from "../chart-input.js";
import type { Chart, ChartBody } from "../chart-types.js";
import { assertChart } from "../chart-validation.js";
import { ENGINE_VERSION } from "../engine-version.js";
import { AstroError, guarded } from "../errors.js";
import { ELEMENTS, type Sign } from "../zodiac.js";
import { ASPECT_TEXTS, pairNote } from "./aspect-texts.js";
import { ELEMENT_STRONG, ELEMENT_WEAK, MODALITY_STRONG } from "./balance-texts.js";
import { ASCENDANT_IN_SIGN, MOON_IN_SIGN, SUN_IN_SIGN } from "./luminary-texts.js";
import {
  HOUSE_AREAS,
  ordinal,
  type PersonalPlanetId,
  PLANET_IN_HOUSE,
  PLANET_IN_SIGN,
  POINT_NAMES,
  POINT_THEMES,
  signSlots,
} from "./planet-texts.js";
import { SIGN_TRAITS } from "./sign-traits.js";
import { pickVariant } from "./text-choice.js";

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

export interface ReadingSection {
  id: ReadingSectionId;
  title: string;
  paragraphs: ReadingParagraph[];
}

export interface Reading {
  language: "en";
  sections: ReadingSection[];
  meta: { engineVersion: string; timeUnknown: boolean };
}

export interface ReadingOptions {
  language?: "en";
  /** Sections to include, in READING_SECTIONS order; default all. */
  sections?: ReadingSectionId[];
}

const TITLES: Record<ReadingSectionId, string> = {
  overview: "Overview",
  sun: "The Sun: identity and purpose",
  moon: "The Moon: feelings and needs",
  ascendant: "The Ascendant: manner and approach",
  planets: "The planets in signs and houses",
  aspects: "Major aspects",
  balance: "Elements and modalities",
};

/** At most this many aspects are read, tightest first, so that the section stays readable. */
const MAX_ASPECTS = 12;

const signName = (sign: Sign) => SIGN_TRAITS[sign].name;

function formatOrb(orb: number): string {
  const totalMinutes = Math.round(orb * 60);
  return `${Math.floor(totalMinutes / 60)}°${String(totalMinutes % 60).padStart(2, "0")}′`;
}

const RETROGRADE_NOTES = [
  (p: string) =>
    `${p} was retrograde when you were born, which turns its energy inward: its themes ripen slowly and privately before they show.`,
  (p: string) =>
    `Being retrograde at your birth, ${p} tends to work by review and reflection, returning to old questions until they are truly settled.`,
  (p: string) =>
    `Its retrograde motion at your birth suggests you rework ${p}'s lessons in your own way rather than taking them as given.`,
];

interface Context {
  readonly chart: Chart;
  readonly byId: ReadonlyMap<BodyId, ChartBody>;
  readonly timeKnown: boolean;
}

function overview(ctx: Context): ReadingParagraph[] {
  const { chart, byId, timeKnown } = ctx;
  const sun = byId.get("sun");
  const moon = byId.get("moon");
  const parts: string[] = [];
  const basis: string[] = [];
  const keys: string[] = [];
  if (sun) {
    keys.push(`the Sun in ${signName(sun.sign)}`);
    basis.push(`sun:sign:${sun.sign}`);
  }
  if (moon) {
    keys.push(`the Moon in ${signName(moon.sign)}`);
    basis.push(`moon:sign:${moon.sign}`);
  }
  if (timeKnown && chart.angles) {
    keys.push(`${signName(chart.angles.ascendant.sign)} rising`);
    basis.push(`ascendant:sign:${chart.angles.ascendant.sign}`);
  }
  if (keys.length > 0) {
    const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(", ")} and ${keys.at(-1)}`;
    parts.push(`The main keys to this chart are ${list}.`);
  }
  const elementLead = leaders(chart.balance.elements);
  if (elementLead.length === 1) {
    parts.push(
      `${capitalize(elementLead[0]!)} is the leading element, which colours everything that follows.`,
    );
    basis.push(`balance:element:${elementLead[0]}`);
  }
  const paragraphs: ReadingParagraph[] = [];
  if (parts.length > 0) paragraphs.push({ text: parts.join(" "), basis });

  const planets = chart.bodies.filter((b) => (PLANET_IDS as readonly string[]).includes(b.id));
  const bySign = new Map<Sign, ChartBody[]>();
  for (const p of planets) bySign.set(p.sign, [...(bySign.get(p.sign) ?? []), p]);
  for (const [sign, group] of bySign) {
    if (group.length >= 3) {
      const names = group.map((g) => POINT_NAMES[g.id]);
      paragraphs.push({
        text: `${capitalize(joinNames(names))} gather in ${signName(sign)}. A cluster like this, a stellium, concentrates a great deal of energy in that sign's style: ${SIGN_TRAITS[sign].style}.`,
        basis: group.map((g) => `${g.id}:sign:${sign}`),
      });
    }
  }
  if (!timeKnown) {
    const text = [
      "The birth time is unknown, so the rising sign, the houses and the angles are left out.",
    ];
    const moonBasis: string[] = [];
    if (moon && (moon.degreeInSign < 6.5 || moon.degreeInSign > 23.5)) {
      text.push(
        `The Moon moves about 13° a day and sits near the edge of ${signName(moon.sign)}, so it may have been in the neighbouring sign at the actual time of birth.`,
      );
      moonBasis.push(`moon:sign:${moon.sign}`);
    }
    paragraphs.push({ text: text.join(" "), basis: ["time:unknown", ...moonBasis] });
  }
  return paragraphs;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function joinNames(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function leaders<K extends string>(counts: Readonly<Record<K, number>>): K[] {
  const max = Math.max(...(Object.values(counts) as number[]));
  return (Object.keys(counts) as K[]).filter((k) => counts[k] === max && max > 0);
}

function houseParagraph(body: ChartBody): ReadingParagraph | null {
  if (body.house === null || !(PLANET_IDS as readonly string[]).includes(body.id)) return null;
  const template = PLANET_IN_HOUSE[body.id as (typeof PLANET_IDS)[number]];
  return {
    text: template(ordinal(body.house), HOUSE_AREAS[body.house - 1]!),
    basis: [`${body.id}:house:${body.house}`],
  };
}

function luminary(ctx: Context, id: "sun" | "moon"): ReadingParagraph[] {
  const body = ctx.byId.get(id);
  if (!body) return [];
  const texts = id === "sun" ? SUN_IN_SIGN : MOON_IN_SIGN;
  const paragraphs: ReadingParagraph[] = [
    { text: texts[body.sign], basis: [`${id}:sign:${body.sign}`] },
  ];
  const house = ctx.timeKnown ? houseParagraph(body) : null;
  if (house) paragraphs.push(house);
  return paragraphs;
}

function ascendant(ctx: Context): ReadingParagraph[] {
  const angles = ctx.chart.angles;
  if (!ctx.timeKnown || angles === null) return [];
  const mc = SIGN_TRAITS[angles.midheaven.sign];
  return [
    {
      text: ASCENDANT_IN_SIGN[angles.ascendant.sign],
      basis: [`ascendant:sign:${angles.ascendant.sign}`],
    },
    {
      text: `The Midheaven in ${mc.name} describes your public direction: you pursue a calling ${mc.style}, and your reputation grows from ${mc.gifts[0]}.`,
      basis: [`midheaven:sign:${angles.midheaven.sign}`],
    },
  ];
}

function planets(ctx: Context): ReadingParagraph[] {
  const paragraphs: ReadingParagraph[] = [];
  const usedVariants = new Map<Sign, number>();
  let retrogradeCount = 0;
  for (const id of PLANET_IDS) {
    if (id === "sun" || id === "moon") continue;
    const body = ctx.byId.get(id);
    if (!body) continue;
    // A second planet in the same sign takes the other wording of the sign's gift and shadow.
    const first = usedVariants.get(body.sign);
    const variant = first === undefined ? pickVariant(`${id}:${body.sign}`, 2) : first + 1;
    usedVariants.set(body.sign, variant);
    const templates = PLANET_IN_SIGN[id as PersonalPlanetId];
    const template = templates[pickVariant(`${id}:${body.sign}:wording`, templates.length)]!;
    const sentences = [template(signSlots(SIGN_TRAITS[body.sign], variant))];
    const basis = [`${id}:sign:${body.sign}`];
    const house = ctx.timeKnown ? houseParagraph(body) : null;
    if (house) {
      sentences.push(house.text);
      basis.push(...house.basis);
    }
    if (body.retrograde) {
      sentences.push(RETROGRADE_NOTES[retrogradeCount % RETROGRADE_NOTES.length]!(POINT_NAMES[id]));
      retrogradeCount++;
      basis.push(`${id}:retrograde`);
    }
    paragraphs.push({ text: sentences.join(" "), basis });
  }
  return paragraphs;
}

function aspects(ctx: Context): ReadingParagraph[] {
  const isPlanet = (id: string) => (PLANET_IDS as readonly string[]).includes(id);
  const major = ctx.chart.aspects
    .filter(
      (a) =>
        isPlanet(a.a) &&
        isPlanet(a.b) &&
        (MAJOR_ASPECT_TYPES as readonly string[]).includes(a.type),
    )
    .sort((x, y) => x.orb - y.orb || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
    .slice(0, MAX_ASPECTS);
  return major.map((aspect) => {
    const a = aspect.a as BodyId;
    const b = aspect.b as BodyId;
    const templates = ASPECT_TEXTS[aspect.type]!;
    const template = templates[pickVariant(`${a}:${aspect.type}:${b}`, templates.length)]!;
    const text = template({
      a: POINT_NAMES[a],
      b: POINT_NAMES[b],
      themeA: POINT_THEMES[a],
      themeB: POINT_THEMES[b],
      orb: formatOrb(aspect.orb),
    });
    const note = pairNote(a, b);
    return {
      text: note === "" ? text : `${text} ${note}`,
      basis: [`aspect:${a}:${aspect.type}:${b}`],
    };
  });
}

function balance(ctx: Context): ReadingParagraph[] {
  const { elements, modalities, points } = ctx.chart.balance;
  const total = points.length;
  if (total === 0) return [];
  const paragraphs: ReadingParagraph[] = [];
  for (const e of leaders(elements)) {
    paragraphs.push({
      text: `${ELEMENT_STRONG[e]} (${elements[e]} of the ${total} points counted are in ${e} signs.)`,
      basis: [`balance:element:${e}`],
    });
  }
  for (const e of ELEMENTS) {
    if (elements[e] <= 1 && total >= 8) {
      paragraphs.push({ text: ELEMENT_WEAK[e], basis: [`balance:element:${e}`] });
    }
  }
  for (const m of leaders(modalities)) {
    paragraphs.push({
      text: `${MODALITY_STRONG[m]} (${modalities[m]} of ${total}.)`,
      basis: [`balance:modality:${m}`],
    });
  }
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

function readingOptions(options: unknown): ReadingSectionId[] {
  if (options === undefined) return [...READING_SECTIONS];
  if (!isPlainObject(options))
    throw new AstroError("INVALID_OPTION", "options", "options must be an object");
  for (const key of Object.keys(options)) {
    if (key !== "language" && key !== "sections") {
      throw new AstroError(
        "INVALID_OPTION",
        `options.${key}`,
        `unknown reading option ${JSON.stringify(key)}`,
      );
    }
  }
  if (options.language !== undefined && options.language !== "en") {
    throw new AstroError("INVALID_OPTION", "options.language", `language must be "en"`);
  }
  if (options.sections === undefined) return [...READING_SECTIONS];
  if (!Array.isArray(options.sections)) {
    throw new AstroError("INVALID_OPTION", "options.sections", "sections must be an array");
  }
  options.sections.forEach((s, i) => {
    if (!(READING_SECTIONS as readonly unknown[]).includes(s)) {
      throw new AstroError(
        "INVALID_OPTION",
        `options.sections[${i}]`,
        `${JSON.stringify(s)} is not a section; use ${READING_SECTIONS.join(", ")}`,
      );
    }
  });
  return READING_SECTIONS.filter((s) => (options.sections as unknown[]).includes(s));
}

/**
 * A natal reading in English: sections of paragraphs, each naming the placements it was drawn
 * from. House material is left out when the birth time is unknown. The same chart and engine
 * version always give the same text.
 */
export function generateReading(chart: Chart, options?: ReadingOptions): Reading {
  return guarded("generateReading", () => {
    assertChart(chart, "chart");
    const wanted = readingOptions(options);
    const ctx: Context = {
      chart,
      byId: new Map(chart.bodies.map((b) => [b.id, b])),
      timeKnown: chart.houses !== null,
    };
    const sections: ReadingSection[] = [];
    for (const id of wanted) {
      const paragraphs = BUILDERS[id](ctx);
      if (paragraphs.length > 0) sections.push({ id, title: TITLES[id], paragraphs });
    }
    return {
      language: "en",
      sections,
      meta: { engineVersion: ENGINE_VERSION, timeUnknown: !ctx.timeKnown },
    };
  });
}
