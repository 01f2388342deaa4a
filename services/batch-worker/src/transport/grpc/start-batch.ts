import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { batchToProto } from "./messages.js";

export function startBatch(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["startBatch"] {
  return async (request) => {
    const batch = await batches.start(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
      request.metadata,
      request.completionWindowSeconds,
    );
    return { batch: batchToProto(batch) };
  };
}
