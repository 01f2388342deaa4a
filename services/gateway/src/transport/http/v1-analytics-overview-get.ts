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

const count = z.number().int().min(0);

const BatchThroughputSchema = z
  .object({
    completed: count,
    failed: count,
    cancelled: count,
    expired: count,
    itemsSucceeded: count,
    itemsFailed: count.describe("Failed, expired or cancelled items of those batches."),
    itemsPerSecond: z.number().min(0).describe("Items with an outcome per second of the range."),
    processingItemsPerSecond: z
      .number()
      .min(0)
      .describe(
        "Items with an outcome per second those batches ran (first event to end); 0 while none could be timed (a batch whose first event was its ending).",
      ),
  })
  .describe("Batches that ended in the range, from the batch lifecycle events.");

const rate = z.number().min(0).max(1);

const WebhookAccountSchema = z.object({
  accountId: z.string(),
  attempts: count,
  succeeded: count,
  failed: count,
  successRate: rate.describe("succeeded / attempts."),
  meanDurationMs: z.number().min(0),
});

const WebhookDeliveriesSchema = z
  .object({
    attempts: count.describe("Delivery attempts that started in the range (retries each count)."),
    succeeded: count.describe("Attempts the receiver answered with a 2xx."),
    failed: count.describe("Attempts that got another status, or no response."),
    successRate: rate.describe("succeeded / attempts; 0 when there were none."),
    meanDurationMs: z
      .number()
      .min(0)
      .describe("Mean time from sending to the end of the response (or the error), ms."),
    topFailingAccounts: z
      .array(WebhookAccountSchema)
      .describe("Accounts with failed attempts, most failures first (at most `limit`)."),
  })
  .describe("Webhook delivery attempts across accounts, from the dispatcher's attempt events.");

const OverviewSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    totals: z.object(MetricsShape).describe("Every account's traffic in the range."),
    topAccounts: RankingSchema.describe("By requests, most first."),
    topRoutes: RankingSchema.describe("By requests, most first."),
    batches: BatchThroughputSchema,
    webhooks: WebhookDeliveriesSchema,
  })
  .meta({ id: "AnalyticsOverview" });

const BATCHES_EXAMPLE = {
  completed: 41,
  failed: 1,
  cancelled: 2,
  expired: 0,
  itemsSucceeded: 40_210,
  itemsFailed: 95,
  itemsPerSecond: 0.467,
  processingItemsPerSecond: 1_850.5,
};

const WEBHOOKS_EXAMPLE = {
  attempts: 12_480,
  succeeded: 12_302,
  failed: 178,
  successRate: 0.986,
  meanDurationMs: 84.2,
  topFailingAccounts: [
    {
      accountId: "acc_01HZX3K5Q8",
      attempts: 310,
      succeeded: 160,
      failed: 150,
      successRate: 0.516,
      meanDurationMs: 2_410.7,
    },
  ],
};

const round = (value: number) => Math.round(value * 1000) / 1000;

/** GET /v1/analytics/overview: the operators' view across accounts. */
export function v1AnalyticsOverviewGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/overview",
    operationId: "getAnalyticsOverview",
    summary:
      "Across accounts: top accounts and routes, error rates, 429s, cache hit ratio, latency, batch throughput, webhook success rate",
    description:
      "For admin keys: the platform's traffic over an hour-aligned range from the hour rollups, with the busiest accounts and routes, each with its errors, rate-limit refusals, cache hit ratio and p50/p95/p99 latency (merged sketches), the throughput of the batches that ended in the range, and the webhook delivery attempts that started in it (success rate, mean duration, the accounts failing most).",
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
          batches: BATCHES_EXAMPLE,
          webhooks: WEBHOOKS_EXAMPLE,
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
      const webhooks = overview.webhooks;
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
          batches: {
            completed: Number(overview.batches?.completed ?? 0n),
            failed: Number(overview.batches?.failed ?? 0n),
            cancelled: Number(overview.batches?.cancelled ?? 0n),
            expired: Number(overview.batches?.expired ?? 0n),
            itemsSucceeded: Number(overview.batches?.itemsSucceeded ?? 0n),
            itemsFailed: Number(overview.batches?.itemsFailed ?? 0n),
            itemsPerSecond: round(overview.batches?.itemsPerSecond ?? 0),
            processingItemsPerSecond: round(overview.batches?.processingItemsPerSecond ?? 0),
          },
          webhooks: {
            attempts: Number(webhooks?.attempts ?? 0n),
            succeeded: Number(webhooks?.succeeded ?? 0n),
            failed: Number(webhooks?.failed ?? 0n),
            successRate: round(webhooks?.successRate ?? 0),
            meanDurationMs: round(webhooks?.meanDurationMs ?? 0),
            topFailingAccounts: (webhooks?.topFailingAccounts ?? []).map((account) => ({
              accountId: account.accountId,
              attempts: Number(account.attempts),
              succeeded: Number(account.succeeded),
              failed: Number(account.failed),
              successRate: round(account.successRate),
              meanDurationMs: round(account.meanDurationMs),
            })),
          },
        },
      };
    },
  });
}
