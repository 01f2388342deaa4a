import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type AnalyticsService,
  Granularity as GranularityMessage,
  UsageDimension as UsageDimensionMessage,
} from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { UsageDimension, UsageReport, UsageReports } from "../../domain/usage-query.js";
import type { Granularity } from "../../domain/usage-rollups.js";
import { metricsMessage } from "./usage-metrics.js";

export const GRANULARITIES: Record<GranularityMessage, Granularity | undefined> = {
  [GranularityMessage.UNSPECIFIED]: undefined,
  [GranularityMessage.MINUTE]: "minute",
  [GranularityMessage.HOUR]: "hour",
  [GranularityMessage.DAY]: "day",
};
export const GRANULARITY_MESSAGES: Record<Granularity, GranularityMessage> = {
  minute: GranularityMessage.MINUTE,
  hour: GranularityMessage.HOUR,
  day: GranularityMessage.DAY,
};
export const DIMENSIONS: Record<UsageDimensionMessage, UsageDimension | undefined> = {
  [UsageDimensionMessage.UNSPECIFIED]: undefined,
  [UsageDimensionMessage.ROUTE]: "route",
  [UsageDimensionMessage.KEY]: "key",
  [UsageDimensionMessage.STATUS]: "status",
  [UsageDimensionMessage.CACHE]: "cache",
};

export const DIMENSION_MESSAGES: Record<UsageDimension | "none", UsageDimensionMessage> = {
  none: UsageDimensionMessage.UNSPECIFIED,
  route: UsageDimensionMessage.ROUTE,
  key: UsageDimensionMessage.KEY,
  status: UsageDimensionMessage.STATUS,
  cache: UsageDimensionMessage.CACHE,
};

/** Tenant isolation: every query is bounded to the request's account id. */
export function queryUsage(
  reports: UsageReports,
): ServiceImplementation<typeof AnalyticsService>["queryUsage"] {
  return async (request) => {
    const report = await reports.query({
      accountId: request.accountId,
      from: request.from === undefined ? undefined : timestampDate(request.from),
      to: request.to === undefined ? undefined : timestampDate(request.to),
      granularity: GRANULARITIES[request.granularity],
      groupBy: DIMENSIONS[request.groupBy],
      route: request.route,
      keyId: request.keyId,
    });
    return usageResponse(report);
  };
}

/** A usage report as QueryUsage answers it (also the output of a saved report's run). */
export function usageResponse(report: UsageReport) {
  return {
    series: report.series.map((point) => ({
      start: timestampFromDate(point.start),
      group: point.group,
      metrics: metricsMessage(point.metrics),
    })),
    totals: metricsMessage(report.totals),
    from: timestampFromDate(report.from),
    to: timestampFromDate(report.to),
    granularity: GRANULARITY_MESSAGES[report.granularity],
  };
}
