import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";

export function appendBatchItems(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["appendBatchItems"] {
  return async (request) => {
    const totalItems = await batches.append(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
      request.items.map((item) => ({
        index: item.index,
        customId: item.customId,
        type: item.type,
        params: item.errorJson === "" ? item.paramsJson : undefined,
        error: item.errorJson === "" ? undefined : item.errorJson,
      })),
    );
    return { totalItems };
  };
}
