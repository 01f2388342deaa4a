import type { AspectType } from "./aspect-types.js";
import type { Aspect } from "./aspects.js";
import type { Ayanamsa } from "./ayanamsa.js";
import type { BodyId } from "./body-ids.js";
import type { Disambiguation } from "./civil-time.js";
import type { HouseSystem } from "./house-systems.js";
import type { MoonPhase } from "./moon-phase.js";
import type { Element, Modality, Sign, Zodiac } from "./zodiac.js";

export type { Aspect } from "./aspects.js";
export type { Disambiguation } from "./civil-time.js";

/** What a caller asks for. Only datetime, latitude and longitude are required. */
export interface ChartInput {
  /**
   * ISO 8601 local wall time ("1990-06-15T12:30:00", seconds optional) read in `timezone` or
   * `utcOffset`; or with "Z" or an offset ("…T12:30+02:00"). A date alone is accepted when
   * `timeUnknown` is true (noon is used).
   */
  datetime: string;
  /** IANA zone name, e.g. "Europe/London". */
  timezone?: string;
  /** Fixed offset from UTC, "+05:30" or "+00:39:56" (local mean time). */
  utcOffset?: string;
  /** How to read wall times that a zone skips or repeats (Temporal's meaning). Default "compatible". */
  disambiguation?: Disambiguation;
  /** Geographic latitude, degrees north (−90…90). */
  latitude: number;
  /** Geographic longitude, degrees east (−180…180). */
  longitude: number;
  houseSystem?: HouseSystem;
  zodiac?: Zodiac;
  /** Only with zodiac "sidereal"; default "lahiri". */
  ayanamsa?: Ayanamsa;
  /** Birth time unknown: no houses, angles or house placements. */
  timeUnknown?: boolean;
  /** Bodies to place; default all of BODY_IDS. */
  bodies?: BodyId[];
  /** Aspect types to look for; default the five major ones. */
  aspectTypes?: AspectType[];
  /** Orb overrides per aspect type, degrees (0 < orb ≤ 15). */
  orbs?: Partial<Record<AspectType, number>>;
  /** Extra orb when the Sun or Moon takes part, degrees (0…5); default 2. */
  luminaryOrbBonus?: number;
}

/**
 * ChartInput with every default filled in and every value in canonical form: inputs that mean
 * the same thing normalize to identical objects (same keys, same order), so the normalized
 * input can be hashed as a cache key together with ENGINE_VERSION and meta.tzdbVersion.
 */
export interface NormalizedChartInput {
  /** Local wall time "YYYY-MM-DDTHH:MM:SS[.fraction]" in the zone or offset below. */
  datetime: string;
  timezone: string | null;
  utcOffset: string | null;
  /** "compatible" unless the wall time is skipped or repeated in the zone. */
  disambiguation: "compatible" | "earlier" | "later";
  latitude: number;
  longitude: number;
  /** null when the time is unknown. */
  houseSystem: HouseSystem | null;
  zodiac: Zodiac;
  ayanamsa: Ayanamsa | null;
  timeUnknown: boolean;
  bodies: BodyId[];
  aspectTypes: AspectType[];
  /** Orb for each of aspectTypes, in the same order. */
  orbs: Partial<Record<AspectType, number>>;
  luminaryOrbBonus: number;
}

export interface ChartBody {
  id: BodyId;
  /** Apparent geocentric ecliptic longitude of date in the chart's zodiac, degrees [0, 360). */
  longitude: number;
  /** Ecliptic latitude, degrees. */
  latitude: number;
  /** Degrees per day. */
  speed: number;
  /** speed < 0 */
  retrograde: boolean;
  sign: Sign;
  degreeInSign: number;
  /** House 1–12, or null when the time is unknown. */
  house: number | null;
}

export interface ChartPoint {
  longitude: number;
  sign: Sign;
  degreeInSign: number;
}

export interface ChartAngles {
  ascendant: ChartPoint;
  midheaven: ChartPoint;
  descendant: ChartPoint;
  imumCoeli: ChartPoint;
  vertex: ChartPoint;
}

export interface ChartHouses {
  system: HouseSystem;
  /** Differs from `system` when Placidus or Koch fell back to Porphyry near the poles. */
  systemUsed: HouseSystem;
  /** Longitudes of cusps 1–12. */
  cusps: number[];
}

export interface Balance {
  elements: Record<Element, number>;
  modalities: Record<Modality, number>;
  /** The points counted: the ten planets present, plus ascendant and midheaven when known. */
  points: string[];
}

export type WarningCode =
  | "HOUSE_SYSTEM_FALLBACK"
  | "PRE_1970_TZ_UNCERTAIN"
  | "LOCAL_TIME_SKIPPED"
  | "LOCAL_TIME_REPEATED"
  | "NATAL_TIME_UNKNOWN";

export interface Warning {
  code: WarningCode;
  message: string;
}

export interface ChartMeta {
  /** The UTC instant, "1990-06-15T11:30:00Z". */
  utc: string;
  /** Offset from UTC used for the wall time, "+01:00". */
  offsetUsed: string;
  /** IANA tz database version used to resolve `timezone`, or null when none was needed. */
  tzdbVersion: string | null;
  /** TT − UT, seconds. */
  deltaTSeconds: number;
  /** Ayanamsa subtracted from tropical longitudes (mean value plus nutation), or null. */
  ayanamsaDegrees: number | null;
  engineVersion: string;
  warnings: Warning[];
}

export interface Chart {
  input: NormalizedChartInput;
  bodies: ChartBody[];
  angles: ChartAngles | null;
  houses: ChartHouses | null;
  aspects: Aspect[];
  balance: Balance;
  /** The Moon's phase at the chart's instant (whether or not the Sun and Moon are placed). */
  moonPhase: MoonPhase;
  meta: ChartMeta;
}
