import type { UsageMetrics } from "../../domain/usage-query.js";

/** UsageMetrics as the analytics.v1 message carries it (percentiles absent without requests). */
export function metricsMessage(metrics: UsageMetrics) {
  return {
    requests: BigInt(metrics.requests),
    errors4xx: BigInt(metrics.errors4xx),
    errors5xx: BigInt(metrics.errors5xx),
    rateLimited: BigInt(metrics.rateLimited),
    cacheHits: BigInt(metrics.cacheHits),
    bytes: BigInt(metrics.bytes),
    quotaUnits: BigInt(metrics.quotaUnits),
    ...(metrics.p50Ms === undefined ? {} : { p50Ms: metrics.p50Ms }),
    ...(metrics.p95Ms === undefined ? {} : { p95Ms: metrics.p95Ms }),
    ...(metrics.p99Ms === undefined ? {} : { p99Ms: metrics.p99Ms }),
  };
}
