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
export { ENGINE_VERSION } from "./engine-version.js";
export { AstroError, type AstroErrorCode } from "./errors.js";
export { HOUSE_SYSTEMS, type HouseSystem } from "./house-systems.js";
export {
  generateReading,
  READING_SECTIONS,
  type Reading,
  type ReadingOptions,
  type ReadingParagraph,
  type ReadingSection,
  type ReadingSectionId,
} from "./reading/reading.js";
export { renderChartSvg, type SvgOptions } from "./svg/chart-svg.js";
export {
  computeSynastry,
  type HouseOverlay,
  type Synastry,
  type SynastryAspect,
  type SynastryOptions,
} from "./synastry.js";
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
