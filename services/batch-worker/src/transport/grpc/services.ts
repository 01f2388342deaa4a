import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { abandonBatch } from "./abandon-batch.js";
import { appendBatchItems } from "./append-batch-items.js";
import { cancelBatch } from "./cancel-batch.js";
import { createBatch } from "./create-batch.js";
import { getBatch } from "./get-batch.js";
import { listBatchErrors } from "./list-batch-errors.js";
import { listBatchResults } from "./list-batch-results.js";
import { listBatches } from "./list-batches.js";
import { startBatch } from "./start-batch.js";

export function batchService(batches: Batches): ServiceImplementation<typeof BatchService> {
  return {
    createBatch: createBatch(batches),
    appendBatchItems: appendBatchItems(batches),
    startBatch: startBatch(batches),
    abandonBatch: abandonBatch(batches),
    getBatch: getBatch(batches),
    listBatches: listBatches(batches),
    cancelBatch: cancelBatch(batches),
    listBatchResults: listBatchResults(batches),
    listBatchErrors: listBatchErrors(batches),
  };
}
