import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";

export function abandonBatch(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["abandonBatch"] {
  return async (request) => {
    await batches.abandon(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
    );
    return {};
  };
}
