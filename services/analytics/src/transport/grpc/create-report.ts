import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { SavedReports } from "../../domain/saved-reports.js";
import { definitionFrom, savedReportMessage } from "./saved-report-message.js";

export function createReport(
  reports: SavedReports,
): ServiceImplementation<typeof AnalyticsService>["createReport"] {
  return async (request) => {
    const report = await reports.create(
      request.accountId,
      definitionFrom(request.definition),
      request.limit,
    );
    return { report: savedReportMessage(report) };
  };
}
