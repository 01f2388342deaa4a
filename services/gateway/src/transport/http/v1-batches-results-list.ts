import { outcomesStream, resultLine } from "./batch-outcomes.js";
import type { BatchRouteDependencies } from "./batch-routes.js";
import { OutcomeQuerySchema } from "./batch-schemas.js";
import { defineResourceRoute } from "./resource-route.js";
import { BATCH } from "./resources.js";

/** GET /v1/batches/{batchId}/results: JSONL of the items that succeeded, `{ index, customId, type, result }` (result as the item type's synchronous route answers it; SVG as a string). */
export function v1BatchesResultsList(dependencies: BatchRouteDependencies) {
  return defineResourceRoute(BATCH, {
    method: "GET",
    path: "/v1/batches/{batchId}/results",
    operationId: "listBatchResults",
    summary: "Stream a batch's results",
    description:
      "JSONL, one line per item in index order: the items that succeeded, `{ index, customId, type, result }` (result as the item type's synchronous route answers it; SVG as a string). Streamed from the database page by page (gzip when accepted); a running batch lists the items done so far. Resume with after=<the last index read>.",
    query: OutcomeQuerySchema,
    responses: {
      200: {
        description: "JSONL, one item per line.",
        contentType: "application/jsonl",
        example: '{"index":0,"customId":"reader-1","type":"chart","result":{"bodies":[]}}\n',
      },
    },
    handler: async ({ accountId, params, query, request }) =>
      outcomesStream(request, query, resultLine, (page) =>
        dependencies.client.listBatchResults({ accountId, ...params, ...page }),
      ),
  });
}
