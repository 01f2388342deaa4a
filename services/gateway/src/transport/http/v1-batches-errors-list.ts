import { errorLine, outcomesStream } from "./batch-outcomes.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { BATCH_ID_EXAMPLE, BatchIdParamsSchema, OutcomeQuerySchema } from "./batch-schemas.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** GET /v1/batches/{batchId}/errors: JSONL of the items that failed (invalid at submission or in computation), expired or were cancelled, `{ index, customId, type, error }` with the problem the synchronous route would have answered. */
export function v1BatchesErrorsList(dependencies: BatchRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/batches/{batchId}/errors",
    operationId: "listBatchErrors",
    summary: "Stream a batch's errors",
    description:
      "JSONL, one line per item in index order: the items that failed (invalid at submission or in computation), expired or were cancelled, `{ index, customId, type, error }` with the problem the synchronous route would have answered. Streamed from the database page by page (gzip when accepted); a running batch lists the items done so far. Resume with after=<the last index read>.",
    tags: ["batches"],
    scope: "batches:read",
    request: { params: BatchIdParamsSchema, query: OutcomeQuerySchema },
    example: { params: { batchId: BATCH_ID_EXAMPLE } },
    problems: ["BATCH_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "JSONL, one item per line.",
        contentType: "application/jsonl",
        example:
          '{"index":1,"customId":"reader-2","type":"chart","error":{"type":"https://orrery.dev/problems/validation-failed","title":"Validation failed","status":400,"detail":"The request has 1 invalid field.","code":"VALIDATION_FAILED","requestId":"req_1","errors":[{"field":"latitude","pointer":"/latitude","code":"INVALID_LATITUDE","message":"Too big."}]}}\n',
      },
    },
    handler: async ({ params, query, caller, request }) => {
      const accountId = requireCaller(caller).accountId;
      return outcomesStream(request, query, errorLine, (page) =>
        dependencies.client.listBatchErrors({ accountId, batchId: params.batchId, ...page }),
      );
    },
  });
}
