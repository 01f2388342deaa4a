import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  dimensionFromProto,
  granularityFromProto,
  granularityToProto,
} from "@orrery/analytics-contract";
import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { UsageReport, UsageReports } from "../../domain/usage-query.js";
import { metricsMessage } from "./usage-metrics.js";

/** Tenant isolation: every query is bounded to the request's account id. */
export function queryUsage(
  reports: UsageReports,
): ServiceImplementation<typeof AnalyticsService>["queryUsage"] {
  return async (request) => {
    const report = await reports.query({
      accountId: request.accountId,
      from: request.from === undefined ? undefined : timestampDate(request.from),
      to: request.to === undefined ? undefined : timestampDate(request.to),
      granularity: granularityFromProto(request.granularity),
      groupBy: dimensionFromProto(request.groupBy),
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
    granularity: granularityToProto(report.granularity),
  };
}
