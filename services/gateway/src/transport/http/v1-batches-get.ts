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

/** GET /v1/batches/{batchId}: a batch's state, counts, progress and ETA. */
export function v1BatchesGet(dependencies: BatchRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/batches/{batchId}",
    operationId: "getBatch",
    summary: "Get a batch",
    description:
      "status: validating → in_progress → finalizing → completed (or failed when no item succeeded), expired when the completion window ended first, cancelling → cancelled on request; a timestamp for each state reached. requestCounts.total = completed + failed once the batch ended.",
    tags: ["batches"],
    scope: "batches:read",
    request: { params: BatchIdParamsSchema },
    example: { params: { batchId: BATCH_ID_EXAMPLE } },
    problems: ["BATCH_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: { description: "The batch.", schema: BatchSchema, example: BATCH_EXAMPLE },
    },
    handler: async ({ params, caller }) => {
      const { batch } = await dependencies.client.getBatch({
        accountId: requireCaller(caller).accountId,
        batchId: params.batchId,
      });
      return { json: batchJson(batch) };
    },
  });
}
