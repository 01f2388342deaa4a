export {
  dimensionFromProto,
  dimensionToProto,
  granularityFromProto,
  granularityToProto,
} from "./proto-mapping.js";
export {
  GRANULARITIES,
  type Granularity,
  REPORT_METRICS,
  REPORT_NAME_MAX_LENGTH,
  REPORT_WINDOW_NAMES,
  REPORT_WINDOWS,
  type ReportMetric,
  type ReportWindow,
  USAGE_DIMENSIONS,
  type UsageDimension,
} from "./vocabulary.js";
