import { batchJson } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { BATCH_EXAMPLE, BatchSchema } from "./batch-schemas.js";
import { defineResourceRoute } from "./resource-route.js";
import { BATCH } from "./resources.js";

/** POST /v1/batches/{batchId}/cancel: stops a batch; what was computed stays. */
export function v1BatchesCancel(dependencies: BatchRouteDependencies) {
  return defineResourceRoute(BATCH, {
    method: "POST",
    path: "/v1/batches/{batchId}/cancel",
    operationId: "cancelBatch",
    summary: "Cancel a batch",
    description:
      "Items not yet computed end cancelled (listed under /errors with batch-item-cancelled) and the workers stop within a slice of items; results already computed are kept. A batch that already ended is answered as it is.",
    scope: "batches:write",
    responses: {
      200: {
        description: "The batch after the cancellation.",
        schema: BatchSchema,
        example: { ...BATCH_EXAMPLE, status: "cancelled", cancelledAt: "2026-12-02T14:00:03.000Z" },
      },
    },
    handler: async ({ accountId, params }) => {
      const { batch } = await dependencies.client.cancelBatch({ accountId, ...params });
      return { json: batchJson(batch) };
    },
  });
}
