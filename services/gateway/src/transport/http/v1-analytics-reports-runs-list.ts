import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import {
  REPORT_ID_EXAMPLE,
  ReportIdParamsSchema,
  ReportRunSchema,
  RUN_EXAMPLE,
  runJson,
} from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";

const { series: _series, ...RUN_SUMMARY_EXAMPLE } = RUN_EXAMPLE;

/** GET /v1/analytics/reports/{reportId}/runs: the report's kept runs, newest first. */
export function v1AnalyticsReportsRunsList(clients: KeyManagementClients) {
  return defineListRoute({
    path: "/v1/analytics/reports/{reportId}/runs",
    operationId: "listAnalyticsReportRuns",
    summary: "List a saved report's runs",
    description: "Newest first, with totals but without series (get a run for those).",
    tag: "analytics",
    scope: "analytics:read",
    query: PageQuerySchema,
    params: ReportIdParamsSchema,
    example: { params: { reportId: REPORT_ID_EXAMPLE }, query: { pageSize: 20 } },
    problems: ["REPORT_NOT_FOUND"],
    page: {
      id: "AnalyticsReportRunPage",
      field: "runs",
      item: ReportRunSchema,
      description: "A page of runs.",
      example: [RUN_SUMMARY_EXAMPLE],
    },
    noStore: true,
    list: async ({ params, caller }, page) => {
      const { runs, nextPageToken } = await clients.analytics.listReportRuns({
        accountId: requireCaller(caller).accountId,
        reportId: params.reportId,
        ...page,
      });
      return { items: runs.map((run) => runJson(run, true)), nextPageToken };
    },
  });
}
