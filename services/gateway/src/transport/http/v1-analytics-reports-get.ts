import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import {
  REPORT_EXAMPLE,
  REPORT_ID_EXAMPLE,
  ReportIdParamsSchema,
  reportJson,
  SavedReportSchema,
} from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** GET /v1/analytics/reports/{reportId}: one saved report (another account's answers 404). */
export function v1AnalyticsReportsGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/reports/{reportId}",
    operationId: "getAnalyticsReport",
    summary: "Get a saved usage report",
    tags: ["analytics"],
    scope: "analytics:read",
    request: { params: ReportIdParamsSchema },
    example: { params: { reportId: REPORT_ID_EXAMPLE } },
    problems: ["REPORT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: { description: "The saved report.", schema: SavedReportSchema, example: REPORT_EXAMPLE },
    },
    handler: async ({ params, caller }) => {
      const found = await clients.analytics.getReport({
        accountId: requireCaller(caller).accountId,
        reportId: params.reportId,
      });
      return { headers: { "cache-control": "no-store" }, json: reportJson(found.report) };
    },
  });
}
