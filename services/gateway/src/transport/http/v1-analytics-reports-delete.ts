import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { REPORT_ID_EXAMPLE, ReportIdParamsSchema } from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** DELETE /v1/analytics/reports/{reportId}: the saved report and its schedule. */
export function v1AnalyticsReportsDelete(clients: KeyManagementClients) {
  return defineRoute({
    method: "DELETE",
    path: "/v1/analytics/reports/{reportId}",
    operationId: "deleteAnalyticsReport",
    summary: "Delete a saved usage report",
    description: "Deletes the report; its schedule runs it no more.",
    tags: ["analytics"],
    scope: "analytics:write",
    request: { params: ReportIdParamsSchema },
    example: { params: { reportId: REPORT_ID_EXAMPLE } },
    problems: ["REPORT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: { 204: { description: "Deleted." } },
    handler: async ({ params, caller }) => {
      await clients.analytics.deleteReport({
        accountId: requireCaller(caller).accountId,
        reportId: params.reportId,
      });
      return { status: 204, contentType: "application/json", payload: "" };
    },
  });
}
