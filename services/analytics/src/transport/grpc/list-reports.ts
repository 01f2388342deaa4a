import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { SavedReports } from "../../domain/saved-reports.js";
import { savedReportMessage } from "./saved-report-message.js";

export function listReports(
  reports: SavedReports,
): ServiceImplementation<typeof AnalyticsService>["listReports"] {
  return async (request) => {
    const page = await reports.list(request.accountId, request.pageSize, request.pageToken);
    return {
      reports: page.items.map(savedReportMessage),
      nextPageToken: page.nextPageToken ?? "",
    };
  };
}
