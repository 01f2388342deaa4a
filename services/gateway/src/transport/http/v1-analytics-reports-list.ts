import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { REPORT_EXAMPLE, reportJson, SavedReportSchema } from "./analytics-reports.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { PageQuerySchema } from "./webhook-schemas.js";

const ReportPageSchema = z
  .object({
    reports: z.array(SavedReportSchema),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "AnalyticsReportPage" });

/** GET /v1/analytics/reports: the account's saved reports, newest first. */
export function v1AnalyticsReportsList(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/analytics/reports",
    operationId: "listAnalyticsReports",
    summary: "List saved usage reports",
    tags: ["analytics"],
    scope: "analytics:read",
    request: { query: PageQuerySchema },
    example: { query: { pageSize: 20 } },
    problems: ["INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of saved reports.",
        schema: ReportPageSchema,
        example: { reports: [REPORT_EXAMPLE] },
      },
    },
    handler: async ({ query, caller }) => {
      const page = await clients.analytics.listReports({
        accountId: requireCaller(caller).accountId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        headers: { "cache-control": "no-store" },
        json: {
          reports: page.reports.map(reportJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
