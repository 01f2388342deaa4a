import type { MAJOR_ASPECT_TYPES } from "../aspect-types.js";
import type { BodyId, PlanetId } from "../body-ids.js";
import type { Element, Modality, Sign } from "../zodiac.js";

export const READING_LANGUAGES = ["en", "es", "pt"] as const;
/** English, Spanish, Brazilian Portuguese. */
export type ReadingLanguage = (typeof READING_LANGUAGES)[number];

export type MajorAspectType = (typeof MAJOR_ASPECT_TYPES)[number];
export type PersonalPlanetId = Exclude<PlanetId, "sun" | "moon">;

/**
 * How a sign colours any planet placed in it, as phrases that slot into the planet sentences:
 * `styles` are adverbial ("boldly and on impulse"), the others noun phrases. Each comes in two
 * wordings so that several planets in one sign do not repeat one another.
 */
export interface SignTraits {
  readonly name: string;
  readonly styles: readonly [string, string];
  readonly need: string;
  readonly gifts: readonly [string, string];
  readonly shadows: readonly [string, string];
}

/** One wording of a sign's traits, as a planet sentence uses them. */
export interface SignSlots {
  readonly sign: string;
  readonly style: string;
  readonly need: string;
  readonly gift: string;
  readonly shadow: string;
}

export interface AspectSlots {
  /** "Venus", "the Moon" (as the language names it mid-sentence). */
  readonly a: string;
  readonly b: string;
  /** "your affections". */
  readonly themeA: string;
  readonly themeB: string;
  /** "2°14′". */
  readonly orb: string;
}

/** Everything a natal reading says, in one language. */
export interface NatalTexts {
  /** Applied to every text produced: the language's obligatory contractions ("de el" → "del"). */
  finish(text: string): string;
  readonly titles: Readonly<
    Record<"overview" | "sun" | "moon" | "ascendant" | "planets" | "aspects" | "balance", string>
  >;
  readonly signs: Readonly<Record<Sign, SignTraits>>;
  readonly sunInSign: Readonly<Record<Sign, string>>;
  readonly moonInSign: Readonly<Record<Sign, string>>;
  readonly ascendantInSign: Readonly<Record<Sign, string>>;
  /**
   * The words of last-resort sentences, at most six words long and unique to their placement,
   * so that they cannot repeat anything: bare names ("Sun"), the aspects' short names, and the
   * words for house, retrograde and direct.
   */
  readonly terse: {
    readonly names: Readonly<Record<BodyId | "ascendant" | "midheaven", string>>;
    readonly aspects: Readonly<Record<MajorAspectType, string>>;
    readonly house: string;
    readonly retrograde: string;
    readonly direct: string;
  };
  /** Names as used mid-sentence ("the Sun", "el Sol", "o Sol"). */
  readonly pointNames: Readonly<Record<BodyId, string>>;
  /** What each point stands for, in two wordings. */
  readonly pointThemes: Readonly<Record<BodyId, readonly [string, string]>>;
  readonly elements: Readonly<Record<Element, string>>;
  readonly modalities: Readonly<Record<Modality, string>>;
  /** "a, b and c". */
  list(items: readonly string[]): string;
  readonly overview: {
    keys(parts: { sun?: Sign; moon?: Sign; rising?: Sign }): string;
    leadingElement(element: Element): string;
    sharedElements(elements: readonly Element[]): string;
    stellium(planets: readonly BodyId[], sign: Sign, traits: SignSlots): readonly string[];
    stelliumFallback(planets: readonly BodyId[], sign: Sign): string;
    timeUnknown: string;
    moonNearEdge(sign: Sign): string;
  };
  midheaven(traits: SignSlots): readonly string[];
  midheavenFallback(sign: Sign): string;
  readonly planetInSign: Readonly<Record<PersonalPlanetId, readonly ((s: SignSlots) => string)[]>>;
  planetInSignFallback(planet: PlanetId, sign: Sign): string;
  ascendantFallback(sign: Sign): string;
  /** Two wordings of what each house is about. */
  readonly houseAreas: readonly (readonly [string, string])[];
  readonly planetInHouse: Readonly<Record<PlanetId, (house: number, area: string) => string>>;
  planetInHouseFallback(planet: PlanetId, house: number): string;
  readonly retrograde: readonly ((planet: string) => string)[];
  retrogradeFallback(planet: PersonalPlanetId): string;
  /** Per aspect: one-sentence headlines naming the pair, and sentences on what it means. */
  readonly aspects: Readonly<
    Record<
      MajorAspectType,
      {
        readonly headlines: readonly ((s: AspectSlots) => string)[];
        readonly meanings: readonly string[];
      }
    >
  >;
  aspectFallback(a: BodyId, type: MajorAspectType, b: BodyId, orb: string): string;
  readonly pairNotes: {
    readonly personal: readonly string[];
    readonly personalOuter: readonly string[];
    readonly outer: readonly string[];
  };
  readonly balance: {
    elementLead(element: Element, count: number, total: number): string;
    elementTie(elements: readonly Element[], count: number, total: number): string;
    elementWeak(element: Element): string;
    /** "Fire: 4 of 12." — said when every longer wording would repeat the reading. */
    countFallback(name: string, count: number, total: number): string;
    modalityLead(modality: Modality, count: number, total: number): string;
    modalityTie(modalities: readonly Modality[], count: number, total: number): string;
  };
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "2°14′": an orb to the minute of arc. */
export function formatOrb(orb: number): string {
  const totalMinutes = Math.round(orb * 60);
  return `${Math.floor(totalMinutes / 60)}°${String(totalMinutes % 60).padStart(2, "0")}′`;
}
