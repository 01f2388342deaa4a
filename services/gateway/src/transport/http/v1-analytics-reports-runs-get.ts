import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import {
  REPORT_ID_EXAMPLE,
  ReportRunSchema,
  RUN_EXAMPLE,
  RUN_ID_EXAMPLE,
  RunIdParamsSchema,
  runJson,
  runMetricNames,
} from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { CSV_CONTENT_TYPE, streamCsv } from "./csv.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const FormatQuerySchema = z.strictObject({
  format: z
    .enum(["json", "csv"])
    .optional()
    .describe("csv gives RFC 4180 CSV (as does Accept: text/csv); default JSON."),
});

/** GET /v1/analytics/reports/{reportId}/runs/{runId}: a run's output, as JSON or CSV. */
export function v1AnalyticsReportsRunsGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/reports/{reportId}/runs/{runId}",
    operationId: "getAnalyticsReportRun",
    summary: "Download a saved report's run",
    description:
      "The run's series and totals with the report's metrics. `format=csv` or `Accept: text/csv` gives the series as RFC 4180 CSV (start, group, then the report's metrics).",
    tags: ["analytics"],
    scope: "analytics:read",
    request: { params: RunIdParamsSchema, query: FormatQuerySchema },
    example: { params: { reportId: REPORT_ID_EXAMPLE, runId: RUN_ID_EXAMPLE }, query: {} },
    problems: ["REPORT_NOT_FOUND", "REPORT_RUN_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The run with its output.",
        schema: ReportRunSchema,
        alternatives: { "text/csv": {} },
        example: RUN_EXAMPLE,
      },
    },
    handler: async ({ params, query, caller, request }) => {
      const found = await clients.analytics.getReportRun({
        accountId: requireCaller(caller).accountId,
        reportId: params.reportId,
        runId: params.runId,
      });
      const json = runJson(found.run);
      const csv =
        query.format === "csv" ||
        (query.format === undefined &&
          request.accepts(["application/json", "text/csv"]) === "text/csv");
      const headers = { "cache-control": "no-store", vary: "Accept" };
      if (!csv || found.run === undefined) return { headers, json };
      const names = runMetricNames(found.run);
      return {
        headers: {
          ...headers,
          "content-disposition": `attachment; filename="report-${json.reportId}-${json.startedAt.slice(0, 19).replaceAll(":", "")}.csv"`,
        },
        contentType: CSV_CONTENT_TYPE,
        stream: streamCsv(
          ["start", "group", ...names],
          (function* () {
            for (const point of json.series ?? []) {
              const values = point as Record<string, string | number | undefined>;
              yield [point.start, values.group, ...names.map((name) => values[name])];
            }
          })(),
        ),
      };
    },
  });
}
