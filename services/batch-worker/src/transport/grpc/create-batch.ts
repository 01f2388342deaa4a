import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { batchToProto } from "./messages.js";

export function createBatch(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["createBatch"] {
  return async (request) => {
    const { batch, existing } = await batches.create(
      requireId(request.accountId, "accountId"),
      request.idempotencyKey,
    );
    return { batch: batchToProto(batch), existing };
  };
}
