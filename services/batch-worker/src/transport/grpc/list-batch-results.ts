import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { outcomeToProto, requireId } from "./messages.js";

export function listBatchResults(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["listBatchResults"] {
  return async (request) => {
    const page = await batches.outcomes(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
      "results",
      request.afterIndex,
      request.pageSize,
    );
    return { items: page.items.map(outcomeToProto), nextAfterIndex: page.nextAfterIndex };
  };
}
