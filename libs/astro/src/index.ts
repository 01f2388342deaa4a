export {
  ASPECT_ANGLES,
  ASPECT_TYPES,
  type AspectType,
  DEFAULT_LUMINARY_ORB_BONUS,
  DEFAULT_ORBS,
  DEFAULT_TRANSIT_ORBS,
  MAJOR_ASPECT_TYPES,
  MAX_ORB,
} from "./aspect-types.js";
export { AYANAMSAS, type Ayanamsa } from "./ayanamsa.js";
export { BODY_IDS, type BodyId, PLANET_IDS, type PlanetId } from "./body-ids.js";
export { computeChart, normalizeChartInput } from "./chart.js";
export type {
  Aspect,
  Balance,
  Chart,
  ChartAngles,
  ChartBody,
  ChartHouses,
  ChartInput,
  ChartMeta,
  ChartPoint,
  Disambiguation,
  NormalizedChartInput,
  Warning,
  WarningCode,
} from "./chart-types.js";
export { DISAMBIGUATIONS } from "./civil-time.js";
export {
  COMPATIBILITY_METHOD,
  COMPATIBILITY_THEMES,
  COMPATIBILITY_WEIGHTS,
  type Compatibility,
  type CompatibilityFactor,
  type CompatibilityTheme,
  computeCompatibility,
} from "./compatibility.js";
export {
  COMPOSITE_METHODS,
  type Composite,
  type CompositeMethod,
  type CompositeOptions,
  computeComposite,
  type MidpointComposite,
} from "./composite.js";
export { ENGINE_VERSION } from "./engine-version.js";
export { AstroError, type AstroErrorCode } from "./errors.js";
export { HOUSE_SYSTEMS, type HouseSystem } from "./house-systems.js";
export {
  type LunationPhase,
  listMoonPhases,
  MAX_MOON_PHASE_RANGE_DAYS,
  MOON_PHASE_NAMES,
  type MoonEvent,
  type MoonPhase,
  type MoonPhaseName,
  type MoonPhaseOptions,
  type MoonPhases,
} from "./moon-phase.js";
export {
  computeProgressions,
  PROGRESSION_YEAR_DAYS,
  type ProgressionOptions,
  type Progressions,
} from "./progressions.js";
export { READING_LANGUAGES, type ReadingLanguage } from "./reading/language.js";
export {
  generateReading,
  READING_SECTIONS,
  type Reading,
  type ReadingOptions,
  type ReadingParagraph,
  type ReadingSection,
  type ReadingSectionId,
} from "./reading/reading.js";
export {
  generateSynastryReading,
  generateTransitReading,
  SYNASTRY_READING_SECTIONS,
  type SynastryReading,
  type SynastryReadingOptions,
  type SynastryReadingSectionId,
  TRANSIT_READING_SECTIONS,
  type TransitReading,
  type TransitReadingOptions,
  type TransitReadingSectionId,
} from "./reading/relation-reading.js";
export {
  type ChartReturn,
  computeReturn,
  RETURN_TYPES,
  type ReturnOptions,
  type ReturnType,
} from "./returns.js";
export {
  renderChartSvg,
  renderSynastrySvg,
  renderTransitsSvg,
  type SvgOptions,
} from "./svg/chart-svg.js";
export {
  computeSynastry,
  type HouseOverlay,
  type Synastry,
  type SynastryAspect,
  type SynastryOptions,
} from "./synastry.js";
export {
  computeTransitTimeline,
  MAX_TIMELINE_DAYS,
  type TimelineEvent,
  type TransitTimeline,
  type TransitTimelineOptions,
} from "./transit-timeline.js";
export {
  computeTransits,
  type NatalTarget,
  type TransitAspect,
  type TransitBody,
  type TransitOptions,
  type Transits,
} from "./transits.js";
export {
  ELEMENTS,
  type Element,
  MODALITIES,
  type Modality,
  SIGNS,
  type Sign,
  ZODIACS,
  type Zodiac,
} from "./zodiac.js";
