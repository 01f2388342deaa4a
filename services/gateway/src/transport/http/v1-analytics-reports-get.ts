import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { REPORT_EXAMPLE, reportJson, SavedReportSchema } from "./analytics-reports.js";
import { defineResourceRoute } from "./resource-route.js";
import { SAVED_REPORT } from "./resources.js";

/** GET /v1/analytics/reports/{reportId}: one saved report (another account's answers 404). */
export function v1AnalyticsReportsGet(clients: KeyManagementClients) {
  return defineResourceRoute(SAVED_REPORT, {
    method: "GET",
    path: "/v1/analytics/reports/{reportId}",
    operationId: "getAnalyticsReport",
    summary: "Get a saved usage report",
    responses: {
      200: { description: "The saved report.", schema: SavedReportSchema, example: REPORT_EXAMPLE },
    },
    handler: async ({ accountId, params }) => {
      const found = await clients.analytics.getReport({ accountId, ...params });
      return { headers: { "cache-control": "no-store" }, json: reportJson(found.report) };
    },
  });
}
