import { z } from "zod";
import { batchJson, statusToProto } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { BATCH_EXAMPLE, BatchListQuerySchema, BatchSchema } from "./batch-schemas.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const BatchPageSchema = z
  .object({
    batches: z.array(BatchSchema),
    nextPageToken: z.string().max(500).optional().describe("Absent on the last page."),
  })
  .meta({ id: "BatchPage" });

/** GET /v1/batches: the account's batches, newest first. */
export function v1BatchesList(dependencies: BatchRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/batches",
    operationId: "listBatches",
    summary: "List batches",
    tags: ["batches"],
    scope: "batches:read",
    request: { query: BatchListQuerySchema },
    example: { query: { pageSize: 20 } },
    problems: ["INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of batches.",
        schema: BatchPageSchema,
        example: { batches: [BATCH_EXAMPLE] },
      },
    },
    handler: async ({ query, caller }) => {
      const page = await dependencies.client.listBatches({
        accountId: requireCaller(caller).accountId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
        status: statusToProto(query.status),
      });
      return {
        json: {
          batches: page.batches.map((batch) => batchJson(batch)),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
