import { batchJson } from "./batch-messages.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import {
  BATCH_EXAMPLE,
  BATCH_ID_EXAMPLE,
  BatchIdParamsSchema,
  BatchSchema,
} from "./batch-schemas.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** POST /v1/batches/{batchId}/cancel: stops a batch; what was computed stays. */
export function v1BatchesCancel(dependencies: BatchRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/batches/{batchId}/cancel",
    operationId: "cancelBatch",
    summary: "Cancel a batch",
    description:
      "Items not yet computed end cancelled (listed under /errors with batch-item-cancelled) and the workers stop within a slice of items; results already computed are kept. A batch that already ended is answered as it is.",
    tags: ["batches"],
    scope: "batches:write",
    request: { params: BatchIdParamsSchema },
    example: { params: { batchId: BATCH_ID_EXAMPLE } },
    problems: ["BATCH_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The batch after the cancellation.",
        schema: BatchSchema,
        example: { ...BATCH_EXAMPLE, status: "cancelled", cancelledAt: "2026-12-02T14:00:03.000Z" },
      },
    },
    handler: async ({ params, caller }) => {
      const { batch } = await dependencies.client.cancelBatch({
        accountId: requireCaller(caller).accountId,
        batchId: params.batchId,
      });
      return { json: batchJson(batch) };
    },
  });
}
