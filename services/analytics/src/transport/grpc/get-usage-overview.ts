import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { BatchThroughput } from "../../domain/batch-throughput.js";
import type { UsageOverviews } from "../../domain/usage-overview.js";
import { metricsMessage } from "./usage-metrics.js";

/** Across accounts: the gateway offers it to admin keys only. */
export function getUsageOverview(
  overviews: UsageOverviews,
  batches: BatchThroughput,
): ServiceImplementation<typeof AnalyticsService>["getUsageOverview"] {
  return async (request) => {
    const overview = await overviews.overview({
      from: request.from === undefined ? undefined : timestampDate(request.from),
      to: request.to === undefined ? undefined : timestampDate(request.to),
      limit: request.limit,
    });
    const throughput = await batches.summary(overview.from, overview.to);
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
    };
  };
}
