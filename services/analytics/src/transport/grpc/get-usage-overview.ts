import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { BatchThroughput } from "../../domain/batch-throughput.js";
import type { UsageOverviews } from "../../domain/usage-overview.js";
import type { WebhookDeliveries } from "../../domain/webhook-deliveries.js";
import { metricsMessage } from "./usage-metrics.js";

/** Across accounts: the gateway offers it to admin keys only. */
export function getUsageOverview(
  overviews: UsageOverviews,
  batches: BatchThroughput,
  webhooks: WebhookDeliveries,
): ServiceImplementation<typeof AnalyticsService>["getUsageOverview"] {
  return async (request) => {
    const overview = await overviews.overview({
      from: request.from === undefined ? undefined : timestampDate(request.from),
      to: request.to === undefined ? undefined : timestampDate(request.to),
      limit: request.limit,
    });
    const [throughput, deliveries] = await Promise.all([
      batches.summary(overview.from, overview.to),
      webhooks.summary(overview.from, overview.to, overview.limit),
    ]);
    const ranking = (entries: typeof overview.topAccounts) =>
      entries.map((entry) => ({ name: entry.name, metrics: metricsMessage(entry.metrics) }));
    return {
      totals: metricsMessage(overview.totals),
      topAccounts: ranking(overview.topAccounts),
      topRoutes: ranking(overview.topRoutes),
      from: timestampFromDate(overview.from),
      to: timestampFromDate(overview.to),
      batches: {
        completed: BigInt(throughput.ended.completed),
        failed: BigInt(throughput.ended.failed),
        cancelled: BigInt(throughput.ended.cancelled),
        expired: BigInt(throughput.ended.expired),
        itemsSucceeded: BigInt(throughput.itemsSucceeded),
        itemsFailed: BigInt(throughput.itemsFailed),
        itemsPerSecond: throughput.itemsPerSecond,
        processingItemsPerSecond: throughput.processingItemsPerSecond,
      },
      webhooks: {
        attempts: BigInt(deliveries.attempts),
        succeeded: BigInt(deliveries.succeeded),
        failed: BigInt(deliveries.failed),
        successRate: deliveries.successRate,
        meanDurationMs: deliveries.meanDurationMs,
        topFailingAccounts: deliveries.topFailingAccounts.map((account) => ({
          accountId: account.accountId,
          attempts: BigInt(account.attempts),
          succeeded: BigInt(account.succeeded),
          failed: BigInt(account.failed),
          successRate: account.successRate,
          meanDurationMs: account.meanDurationMs,
        })),
      },
    };
  };
}
