import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { SavedReports } from "../../domain/saved-reports.js";

export function deleteReport(
  reports: SavedReports,
): ServiceImplementation<typeof AnalyticsService>["deleteReport"] {
  return async (request) => {
    await reports.delete(request.accountId, request.reportId);
    return {};
  };
}
