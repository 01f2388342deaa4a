import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { defineResourceRoute } from "./resource-route.js";
import { SAVED_REPORT } from "./resources.js";

/** DELETE /v1/analytics/reports/{reportId}: the saved report and its schedule. */
export function v1AnalyticsReportsDelete(clients: KeyManagementClients) {
  return defineResourceRoute(SAVED_REPORT, {
    method: "DELETE",
    path: "/v1/analytics/reports/{reportId}",
    operationId: "deleteAnalyticsReport",
    summary: "Delete a saved usage report",
    description: "Deletes the report; its schedule runs it no more.",
    scope: "analytics:write",
    responses: { 204: { description: "Deleted." } },
    handler: async ({ accountId, params }) => {
      await clients.analytics.deleteReport({ accountId, ...params });
      return { status: 204, contentType: "application/json", payload: "" };
    },
  });
}
