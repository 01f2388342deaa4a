import { errorLine, outcomesStream } from "./batch-outcomes.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { OutcomeQuerySchema } from "./batch-schemas.js";
import { defineResourceRoute } from "./resource-route.js";
import { BATCH } from "./resources.js";

/** GET /v1/batches/{batchId}/errors: JSONL of the items that failed (invalid at submission or in computation), expired or were cancelled, `{ index, customId, type, error }` with the problem the synchronous route would have answered. */
export function v1BatchesErrorsList(dependencies: BatchRouteDependencies) {
  return defineResourceRoute(BATCH, {
    method: "GET",
    path: "/v1/batches/{batchId}/errors",
    operationId: "listBatchErrors",
    summary: "Stream a batch's errors",
    description:
      "JSONL, one line per item in index order: the items that failed (invalid at submission or in computation), expired or were cancelled, `{ index, customId, type, error }` with the problem the synchronous route would have answered. Streamed from the database page by page (gzip when accepted); a running batch lists the items done so far. Resume with after=<the last index read>.",
    query: OutcomeQuerySchema,
    responses: {
      200: {
        description: "JSONL, one item per line.",
        contentType: "application/jsonl",
        example:
          '{"index":1,"customId":"reader-2","type":"chart","error":{"type":"https://orrery.dev/problems/validation-failed","title":"Validation failed","status":400,"detail":"The request has 1 invalid field.","code":"VALIDATION_FAILED","requestId":"req_1","errors":[{"field":"latitude","pointer":"/latitude","code":"INVALID_LATITUDE","message":"Too big."}]}}\n',
      },
    },
    handler: async ({ accountId, params, query, request }) =>
      outcomesStream(request, query, errorLine, (page) =>
        dependencies.client.listBatchErrors({ accountId, ...params, ...page }),
      ),
  });
}
