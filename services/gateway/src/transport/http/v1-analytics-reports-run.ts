import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { ReportRunSchema, RUN_EXAMPLE, runJson } from "./analytics-reports.js";
import { defineResourceRoute } from "./resource-route.js";
import { SAVED_REPORT } from "./resources.js";

/** POST /v1/analytics/reports/{reportId}/run: runs the report now and keeps the output. */
export function v1AnalyticsReportsRun(clients: KeyManagementClients) {
  return defineResourceRoute(SAVED_REPORT, {
    method: "POST",
    path: "/v1/analytics/reports/{reportId}/run",
    operationId: "runAnalyticsReport",
    summary: "Run a saved usage report now",
    description:
      "Runs the report's usage query (its window ending now, or its fixed range), as GET /v1/analytics/usage answers it, and keeps the output as a run: a report keeps its latest 50 runs, each with at most 10,000 points (truncated says when more were left out; totals are whole).",
    scope: "analytics:write",
    responses: {
      201: {
        description: "The run, with its output.",
        schema: ReportRunSchema,
        example: RUN_EXAMPLE,
        headers: { Location: { description: "/v1/analytics/reports/{reportId}/runs/{runId}" } },
      },
    },
    handler: async ({ accountId, params }) => {
      const ran = await clients.analytics.runReport({ accountId, ...params });
      const run = runJson(ran.run);
      return {
        status: 201,
        headers: { location: `/v1/analytics/reports/${run.reportId}/runs/${run.id}` },
        json: run,
      };
    },
  });
}
