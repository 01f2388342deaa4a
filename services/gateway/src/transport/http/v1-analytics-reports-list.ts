import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { REPORT_EXAMPLE, reportJson, SavedReportSchema } from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";

/** GET /v1/analytics/reports: the account's saved reports, newest first. */
export function v1AnalyticsReportsList(clients: KeyManagementClients) {
  return defineListRoute({
    path: "/v1/analytics/reports",
    operationId: "listAnalyticsReports",
    summary: "List saved usage reports",
    tag: "analytics",
    scope: "analytics:read",
    query: PageQuerySchema,
    example: { query: { pageSize: 20 } },
    page: {
      id: "AnalyticsReportPage",
      field: "reports",
      item: SavedReportSchema,
      description: "A page of saved reports.",
      example: [REPORT_EXAMPLE],
    },
    noStore: true,
    list: async ({ caller }, page) => {
      const { reports, nextPageToken } = await clients.analytics.listReports({
        accountId: requireCaller(caller).accountId,
        ...page,
      });
      return { items: reports.map(reportJson), nextPageToken };
    },
  });
}
