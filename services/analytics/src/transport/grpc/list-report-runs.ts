import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { ReportRuns } from "../../domain/report-runs.js";
import { reportRunMessage } from "./report-run-message.js";

export function listReportRuns(
  runs: ReportRuns,
): ServiceImplementation<typeof AnalyticsService>["listReportRuns"] {
  return async (request) => {
    const { report, page } = await runs.list(
      request.accountId,
      request.reportId,
      request.pageSize,
      request.pageToken,
    );
    return {
      runs: page.items.map((run) => reportRunMessage(report, run)),
      nextPageToken: page.nextPageToken ?? "",
    };
  };
}
