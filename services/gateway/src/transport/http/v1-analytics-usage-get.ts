import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  dimensionToProto,
  GRANULARITIES,
  granularityFromProto,
  granularityToProto,
  USAGE_DIMENSIONS,
  type UsageDimension,
} from "@orrery/analytics-contract";
import type { QueryUsageResponse, UsageMetrics } from "@orrery/proto/analytics/v1/analytics";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { requireCaller } from "./caller.js";
import { CSV_CONTENT_TYPE, type CsvValue, streamCsv } from "./csv.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { boundedText } from "./text-schemas.js";

export const instant = z.iso.datetime({ offset: true }).max(35);

const AnalyticsUsageQuerySchema = z.strictObject({
  from: instant
    .optional()
    .describe(
      "Start (inclusive), rounded down to the granularity. Default: 24 buckets before `to`.",
    ),
  to: instant.optional().describe("End (exclusive), rounded up to the granularity. Default: now."),
  granularity: z
    .enum(GRANULARITIES)
    .optional()
    .describe(
      "Bucket size (default hour). One query returns at most 2,208 buckets (92 days of hours); more answers 422 usage-query-too-large. Minute buckets are kept 14 days, hour buckets 13 months, day buckets 5 years.",
    ),
  groupBy: z
    .enum(USAGE_DIMENSIONS)
    .optional()
    .describe(
      "One series per route, key, status class (2xx, 4xx, …) or cache outcome (hit, miss).",
    ),
  route: boundedText(100).optional().describe('Only this route, e.g. "POST /v1/charts".'),
  key: boundedText(64).optional().describe("Only this API key (its id)."),
  format: z
    .enum(["json", "csv"])
    .optional()
    .describe("csv gives RFC 4180 CSV (as does Accept: text/csv); default JSON."),
});

export const MetricsShape = {
  requests: z.number().int(),
  errors: z.number().int().describe("errors4xx + errors5xx."),
  errors4xx: z.number().int().describe("4xx responses other than rate-limit refusals."),
  errors5xx: z.number().int(),
  rateLimited: z.number().int().describe("Requests refused by a rate limit or the quota (429)."),
  cacheHits: z.number().int(),
  cacheHitRatio: z.number().min(0).max(1).describe("cacheHits / requests (0 without requests)."),
  bytes: z.number().int().describe("Response body bytes."),
  quotaUnits: z.number().int().describe("Request units charged to the monthly quota."),
  p50: z.number().optional().describe("Median latency in ms (within 1 % of exact)."),
  p95: z.number().optional(),
  p99: z.number().optional(),
};

const UsagePointSchema = z
  .object({
    start: z.iso.datetime(),
    group: z.string().optional().describe("The groupBy dimension's value."),
    ...MetricsShape,
  })
  .meta({ id: "AnalyticsUsagePoint" });

const AnalyticsUsageSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    granularity: z.enum(GRANULARITIES),
    groupBy: z.enum(USAGE_DIMENSIONS).optional(),
    series: z.array(UsagePointSchema).describe("Buckets with traffic, by start, then group."),
    totals: z
      .object(MetricsShape)
      .describe("Over the whole range; percentiles merged, not averaged."),
  })
  .meta({ id: "AnalyticsUsage" });

const CSV_HEADER = ["start", "group", ...Object.keys(MetricsShape)];

const round = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 1000) / 1000;

export function metricsJson(metrics: UsageMetrics | undefined) {
  const requests = Number(metrics?.requests ?? 0n);
  const errors4xx = Number(metrics?.errors4xx ?? 0n);
  const errors5xx = Number(metrics?.errors5xx ?? 0n);
  const cacheHits = Number(metrics?.cacheHits ?? 0n);
  return {
    requests,
    errors: errors4xx + errors5xx,
    errors4xx,
    errors5xx,
    rateLimited: Number(metrics?.rateLimited ?? 0n),
    cacheHits,
    cacheHitRatio: requests === 0 ? 0 : Math.round((cacheHits / requests) * 10_000) / 10_000,
    bytes: Number(metrics?.bytes ?? 0n),
    quotaUnits: Number(metrics?.quotaUnits ?? 0n),
    ...(metrics?.p50Ms === undefined ? {} : { p50: round(metrics.p50Ms) }),
    ...(metrics?.p95Ms === undefined ? {} : { p95: round(metrics.p95Ms) }),
    ...(metrics?.p99Ms === undefined ? {} : { p99: round(metrics.p99Ms) }),
  };
}

const isoOf = (value: QueryUsageResponse["from"]) =>
  (value === undefined ? new Date(0) : timestampDate(value)).toISOString();

/** The CSV records of a series, made one by one as the export is written. */
function* usageRecords(
  usage: QueryUsageResponse,
  groupBy: UsageDimension | undefined,
): Generator<CsvValue[]> {
  const metricNames = CSV_HEADER.slice(2);
  for (const point of usage.series) {
    const metrics = metricsJson(point.metrics) as Record<string, number | undefined>;
    yield [
      isoOf(point.start),
      groupBy === undefined ? undefined : point.group,
      ...metricNames.map((name) => metrics[name]),
    ];
  }
}

export function usageJson(usage: QueryUsageResponse, groupBy: UsageDimension | undefined) {
  return {
    from: isoOf(usage.from),
    to: isoOf(usage.to),
    granularity: granularityFromProto(usage.granularity) ?? "hour",
    ...(groupBy === undefined ? {} : { groupBy }),
    series: usage.series.map((point) => ({
      start: isoOf(point.start),
      ...(groupBy === undefined ? {} : { group: point.group }),
      ...metricsJson(point.metrics),
    })),
    totals: metricsJson(usage.totals),
  };
}

export const EXAMPLE_METRICS = {
  requests: 1200,
  errors: 14,
  errors4xx: 12,
  errors5xx: 2,
  rateLimited: 3,
  cacheHits: 870,
  cacheHitRatio: 0.725,
  bytes: 4_915_200,
  quotaUnits: 1183,
  p50: 1.92,
  p95: 6.4,
  p99: 18.75,
};

/** GET /v1/analytics/usage: the calling account's usage over time, as JSON or CSV. */
export function v1AnalyticsUsageGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/usage",
    operationId: "getAnalyticsUsage",
    summary: "Usage over time: requests, errors, 429s, bytes, quota units, latency percentiles",
    description:
      "The calling account's requests by minute, hour or day, from the usage stream (each request counted once, a few seconds after it was answered), optionally split by route, key, status class or cache outcome. Percentiles come from merged latency sketches. `format=csv` or `Accept: text/csv` gives the same series as RFC 4180 CSV (one record per bucket and group).",
    tags: ["analytics"],
    scope: "analytics:read",
    request: { query: AnalyticsUsageQuerySchema },
    example: {
      query: {
        from: "2026-11-30T00:00:00Z",
        to: "2026-12-01T00:00:00Z",
        granularity: "hour",
        groupBy: "status",
      },
    },
    problems: ["INVALID_RANGE", "USAGE_QUERY_TOO_LARGE", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The usage series and its totals.",
        schema: AnalyticsUsageSchema,
        alternatives: { "text/csv": {} },
        example: {
          from: "2026-11-30T00:00:00.000Z",
          to: "2026-12-01T00:00:00.000Z",
          granularity: "hour",
          groupBy: "status",
          series: [{ start: "2026-11-30T09:00:00.000Z", group: "2xx", ...EXAMPLE_METRICS }],
          totals: EXAMPLE_METRICS,
        },
      },
    },
    handler: async ({ query, caller, request }) => {
      const usage = await clients.analytics.queryUsage({
        accountId: requireCaller(caller).accountId,
        ...(query.from === undefined ? {} : { from: timestampFromDate(new Date(query.from)) }),
        ...(query.to === undefined ? {} : { to: timestampFromDate(new Date(query.to)) }),
        granularity: granularityToProto(query.granularity ?? "hour"),
        groupBy: dimensionToProto(query.groupBy),
        route: query.route ?? "",
        keyId: query.key ?? "",
      });
      const csv =
        query.format === "csv" ||
        (query.format === undefined &&
          request.accepts(["application/json", "text/csv"]) === "text/csv");
      const headers = { "cache-control": "no-store", vary: "Accept" };
      if (!csv) return { headers, json: usageJson(usage, query.groupBy) };
      const from = isoOf(usage.from);
      return {
        headers: {
          ...headers,
          "content-disposition": `attachment; filename="usage-${from.slice(0, 10)}-${granularityFromProto(usage.granularity) ?? "hour"}.csv"`,
        },
        contentType: CSV_CONTENT_TYPE,
        stream: streamCsv(CSV_HEADER, usageRecords(usage, query.groupBy)),
      };
    },
  });
}
