import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { batchToProto } from "./messages.js";

export function cancelBatch(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["cancelBatch"] {
  return async (request) => {
    const batch = await batches.cancel(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
    );
    return { batch: batchToProto(batch) };
  };
}
