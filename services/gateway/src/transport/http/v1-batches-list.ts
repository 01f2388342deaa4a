import { batchJson, statusToProto } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { BATCH_EXAMPLE, BatchListQuerySchema, BatchSchema } from "./batch-schemas.js";
import { requireCaller } from "./caller.js";
import { defineListRoute } from "./pages.js";

/** GET /v1/batches: the account's batches, newest first. */
export function v1BatchesList(dependencies: BatchRouteDependencies) {
  return defineListRoute({
    path: "/v1/batches",
    operationId: "listBatches",
    summary: "List batches",
    tag: "batches",
    scope: "batches:read",
    query: BatchListQuerySchema,
    example: { query: { pageSize: 20 } },
    page: {
      id: "BatchPage",
      field: "batches",
      item: BatchSchema,
      description: "A page of batches.",
      example: [BATCH_EXAMPLE],
    },
    list: async ({ query, caller }, page) => {
      const { batches, nextPageToken } = await dependencies.client.listBatches({
        accountId: requireCaller(caller).accountId,
        ...page,
        status: statusToProto(query.status),
      });
      return { items: batches.map((batch) => batchJson(batch)), nextPageToken };
    },
  });
}
