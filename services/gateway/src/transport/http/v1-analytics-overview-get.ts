import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { EXAMPLE_METRICS, instant, MetricsShape, metricsJson } from "./v1-analytics-usage-get.js";

const OverviewQuerySchema = z.strictObject({
  from: instant
    .optional()
    .describe("Start (inclusive), rounded down to the hour. Default: 24 hours before `to`."),
  to: instant
    .optional()
    .describe("End (exclusive), rounded up to the hour. Default: now. At most 2,208 hours in all."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("Entries per ranking (default 10)."),
});

const RankingSchema = z.array(
  z.object({ name: z.string().describe("Account id or route template."), ...MetricsShape }),
);

const OverviewSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    totals: z.object(MetricsShape).describe("Every account's traffic in the range."),
    topAccounts: RankingSchema.describe("By requests, most first."),
    topRoutes: RankingSchema.describe("By requests, most first."),
  })
  .meta({ id: "AnalyticsOverview" });

/** GET /v1/analytics/overview: the operators' view across accounts. */
export function v1AnalyticsOverviewGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/overview",
    operationId: "getAnalyticsOverview",
    summary:
      "Across accounts: top accounts and routes, error rates, 429s, cache hit ratio, latency",
    description:
      "For admin keys: the platform's traffic over an hour-aligned range from the hour rollups, with the busiest accounts and routes, each with its errors, rate-limit refusals, cache hit ratio and p50/p95/p99 latency (merged sketches).",
    tags: ["admin"],
    scope: "admin",
    request: { query: OverviewQuerySchema },
    example: { query: { from: "2026-11-30T00:00:00Z", to: "2026-12-01T00:00:00Z", limit: 5 } },
    problems: ["INVALID_RANGE", "USAGE_QUERY_TOO_LARGE", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "Totals and rankings.",
        schema: OverviewSchema,
        example: {
          from: "2026-11-30T00:00:00.000Z",
          to: "2026-12-01T00:00:00.000Z",
          totals: EXAMPLE_METRICS,
          topAccounts: [{ name: "acc_01HZX3K5Q8", ...EXAMPLE_METRICS }],
          topRoutes: [{ name: "POST /v1/charts", ...EXAMPLE_METRICS }],
        },
      },
    },
    handler: async ({ query }) => {
      const overview = await clients.analytics.getUsageOverview({
        ...(query.from === undefined ? {} : { from: timestampFromDate(new Date(query.from)) }),
        ...(query.to === undefined ? {} : { to: timestampFromDate(new Date(query.to)) }),
        limit: query.limit ?? 0,
      });
      const iso = (value: typeof overview.from) =>
        (value === undefined ? new Date(0) : timestampDate(value)).toISOString();
      const ranking = (entries: typeof overview.topAccounts) =>
        entries.map((entry) => ({ name: entry.name, ...metricsJson(entry.metrics) }));
      return {
        headers: { "cache-control": "no-store" },
        json: {
          from: iso(overview.from),
          to: iso(overview.to),
          totals: metricsJson(overview.totals),
          topAccounts: ranking(overview.topAccounts),
          topRoutes: ranking(overview.topRoutes),
        },
      };
    },
  });
}
