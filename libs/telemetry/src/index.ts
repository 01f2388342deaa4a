export { lazyCounter, lazyHistogram } from "./lazy-instruments.js";
export { createLogger, type Logger, type LoggerOptions } from "./logger.js";
export { startTelemetry, type Telemetry, type TelemetryOptions } from "./telemetry.js";
export { activeTraceIds, continueTrace } from "./trace-ids.js";
