import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { ReportRuns } from "../../domain/report-runs.js";
import { reportRunMessage } from "./report-run-message.js";

export function getReportRun(
  runs: ReportRuns,
): ServiceImplementation<typeof AnalyticsService>["getReportRun"] {
  return async (request) => {
    const { report, run } = await runs.get(request.accountId, request.reportId, request.runId);
    return { run: reportRunMessage(report, run) };
  };
}
