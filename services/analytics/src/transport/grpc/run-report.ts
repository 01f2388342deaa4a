import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { ReportRuns } from "../../domain/report-runs.js";
import { reportRunMessage } from "./report-run-message.js";

export function runReport(
  runs: ReportRuns,
): ServiceImplementation<typeof AnalyticsService>["runReport"] {
  return async (request) => {
    const { report, run } = await runs.runNow(request.accountId, request.reportId);
    return { run: reportRunMessage(report, run) };
  };
}
