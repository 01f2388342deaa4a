import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import {
  REPORT_ID_EXAMPLE,
  ReportIdParamsSchema,
  ReportRunSchema,
  RUN_EXAMPLE,
  runJson,
} from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { PageQuerySchema } from "./webhook-schemas.js";

const ReportRunPageSchema = z
  .object({
    runs: z.array(ReportRunSchema),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "AnalyticsReportRunPage" });

const { series: _series, ...RUN_SUMMARY_EXAMPLE } = RUN_EXAMPLE;

/** GET /v1/analytics/reports/{reportId}/runs: the report's kept runs, newest first. */
export function v1AnalyticsReportsRunsList(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/reports/{reportId}/runs",
    operationId: "listAnalyticsReportRuns",
    summary: "List a saved report's runs",
    description: "Newest first, with totals but without series (get a run for those).",
    tags: ["analytics"],
    scope: "analytics:read",
    request: { params: ReportIdParamsSchema, query: PageQuerySchema },
    example: { params: { reportId: REPORT_ID_EXAMPLE }, query: { pageSize: 20 } },
    problems: ["REPORT_NOT_FOUND", "INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of runs.",
        schema: ReportRunPageSchema,
        example: { runs: [RUN_SUMMARY_EXAMPLE] },
      },
    },
    handler: async ({ params, query, caller }) => {
      const page = await clients.analytics.listReportRuns({
        accountId: requireCaller(caller).accountId,
        reportId: params.reportId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        headers: { "cache-control": "no-store" },
        json: {
          runs: page.runs.map((run) => runJson(run, true)),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
