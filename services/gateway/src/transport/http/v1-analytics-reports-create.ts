import type { Policy } from "@orrery/policy";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import {
  CreateReportBodySchema,
  definitionMessage,
  REPORT_EXAMPLE,
  REPORT_REQUEST_EXAMPLE,
  reportJson,
  SavedReportSchema,
  savedReportLimit,
} from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** POST /v1/analytics/reports: a usage query saved under a name, optionally on a schedule. */
export function v1AnalyticsReportsCreate(clients: KeyManagementClients, policy: () => Policy) {
  return defineRoute({
    method: "POST",
    path: "/v1/analytics/reports",
    operationId: "createAnalyticsReport",
    summary: "Save a usage report",
    description:
      "Saves a usage query (metrics, grouping, route and key filters, granularity) with a relative window (`last_24h`, `last_7d`, `last_30d`, ending when it runs) or a fixed from/to, and optionally a UTC schedule (`every: day` at `HH:MM`, or `every: hour` at `:MM`). The range is checked as GET /v1/analytics/usage checks it (invalid-range, usage-query-too-large). The plan limits how many reports an account keeps (saved-report-limit-reached).",
    tags: ["analytics"],
    scope: "analytics:write",
    request: { body: CreateReportBodySchema },
    example: { body: REPORT_REQUEST_EXAMPLE },
    problems: [
      "INVALID_NAME",
      "INVALID_RANGE",
      "USAGE_QUERY_TOO_LARGE",
      "SAVED_REPORT_LIMIT_REACHED",
      ...UPSTREAM_PROBLEMS,
    ],
    responses: {
      201: {
        description: "The saved report.",
        schema: SavedReportSchema,
        example: REPORT_EXAMPLE,
        headers: { Location: { description: "/v1/analytics/reports/{reportId}" } },
      },
    },
    handler: async ({ body, caller }) => {
      const created = await clients.analytics.createReport({
        accountId: requireCaller(caller).accountId,
        definition: definitionMessage(body),
        limit: savedReportLimit(caller, policy()),
      });
      const report = reportJson(created.report);
      return {
        status: 201,
        headers: { location: `/v1/analytics/reports/${report.id}` },
        json: report,
      };
    },
  });
}
