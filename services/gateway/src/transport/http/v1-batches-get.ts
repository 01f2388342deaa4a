import { batchJson } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { BATCH_EXAMPLE, BatchSchema } from "./batch-schemas.js";
import { defineResourceRoute } from "./resource-route.js";
import { BATCH } from "./resources.js";

/** GET /v1/batches/{batchId}: a batch's state, counts, progress and ETA. */
export function v1BatchesGet(dependencies: BatchRouteDependencies) {
  return defineResourceRoute(BATCH, {
    method: "GET",
    path: "/v1/batches/{batchId}",
    operationId: "getBatch",
    summary: "Get a batch",
    description:
      "status: validating → in_progress → finalizing → completed (or failed when no item succeeded), expired when the completion window ended first, cancelling → cancelled on request; a timestamp for each state reached. requestCounts.total = completed + failed once the batch ended.",
    responses: {
      200: { description: "The batch.", schema: BatchSchema, example: BATCH_EXAMPLE },
    },
    handler: async ({ accountId, params }) => {
      const { batch } = await dependencies.client.getBatch({ accountId, ...params });
      return { json: batchJson(batch) };
    },
  });
}
