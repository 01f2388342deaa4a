export * from "./astrology.js";
export * from "./batch-items.js";
export { canonicalJson } from "./canonical-json.js";
export * from "./chart-location.js";
export { engineError, withEngineErrors } from "./engine-errors.js";
export { timelineOptions } from "./timeline-options.js";
