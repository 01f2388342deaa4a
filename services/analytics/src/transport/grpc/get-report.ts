import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { SavedReports } from "../../domain/saved-reports.js";
import { savedReportMessage } from "./saved-report-message.js";

/** Another account's id answers REPORT_NOT_FOUND, as an unknown one does. */
export function getReport(
  reports: SavedReports,
): ServiceImplementation<typeof AnalyticsService>["getReport"] {
  return async (request) => ({
    report: savedReportMessage(await reports.get(request.accountId, request.reportId)),
  });
}
