/** The sizes of a rollup bucket, finest first. */
export const GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** What a usage series can be grouped by. */
export const USAGE_DIMENSIONS = ["route", "key", "status", "cache"] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

/** The metrics of a usage report, as GET /v1/analytics/usage names them. */
export const REPORT_METRICS = [
  "requests",
  "errors",
  "errors4xx",
  "errors5xx",
  "rateLimited",
  "cacheHits",
  "cacheHitRatio",
  "bytes",
  "quotaUnits",
  "p50",
  "p95",
  "p99",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Relative ranges a saved report may use: the window ending at the time it runs, in ms. */
export const REPORT_WINDOWS = {
  last_24h: 24 * 3_600_000,
  last_7d: 7 * 86_400_000,
  last_30d: 30 * 86_400_000,
} as const;
export type ReportWindow = keyof typeof REPORT_WINDOWS;
export const REPORT_WINDOW_NAMES = Object.keys(REPORT_WINDOWS) as [ReportWindow, ...ReportWindow[]];

export const REPORT_NAME_MAX_LENGTH = 100;
