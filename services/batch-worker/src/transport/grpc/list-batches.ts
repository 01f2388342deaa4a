import { requireId } from "@orrery/errors";
import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { batchToProto, statusFromProto } from "./messages.js";

export function listBatches(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["listBatches"] {
  return async (request) => {
    const page = await batches.list(
      requireId(request.accountId, "accountId"),
      request.pageSize,
      request.pageToken,
      statusFromProto(request.status),
    );
    return { batches: page.items.map(batchToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
