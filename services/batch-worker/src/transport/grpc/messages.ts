import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { invalidField, requireId } from "@orrery/errors";
import {
  type BatchItemOutcomeSchema,
  type BatchSchema,
  BatchStatus as BatchStatusEnum,
} from "@orrery/proto/batch/v1/batch";
import type { Batches } from "../../domain/batches.js";
import type { Batch, BatchStatus, ItemOutcome } from "../../domain/model.js";

const STATUS_TO_PROTO: Record<BatchStatus, BatchStatusEnum> = {
  validating: BatchStatusEnum.VALIDATING,
  in_progress: BatchStatusEnum.IN_PROGRESS,
  finalizing: BatchStatusEnum.FINALIZING,
  completed: BatchStatusEnum.COMPLETED,
  failed: BatchStatusEnum.FAILED,
  expired: BatchStatusEnum.EXPIRED,
  cancelling: BatchStatusEnum.CANCELLING,
  cancelled: BatchStatusEnum.CANCELLED,
};

export function statusFromProto(status: BatchStatusEnum): BatchStatus | undefined {
  if (status === BatchStatusEnum.UNSPECIFIED) return undefined;
  const found = (Object.entries(STATUS_TO_PROTO) as [BatchStatus, BatchStatusEnum][]).find(
    ([, value]) => value === status,
  );
  if (found === undefined) throw invalidField("status", "INVALID_VALUE", "Unknown status.");
  return found[0];
}

const optionalTime = (date: Date | undefined) =>
  date === undefined ? undefined : timestampFromDate(date);

export function batchToProto(batch: Batch): MessageInitShape<typeof BatchSchema> {
  return {
    id: batch.id,
    accountId: batch.accountId,
    status: STATUS_TO_PROTO[batch.status],
    totalItems: batch.totalItems,
    succeededItems: batch.succeededItems,
    failedItems: batch.failedItems,
    createdAt: timestampFromDate(batch.createdAt),
    completedAt: optionalTime(batch.completedAt),
    inProgressAt: optionalTime(batch.inProgressAt),
    finalizingAt: optionalTime(batch.finalizingAt),
    cancellingAt: optionalTime(batch.cancellingAt),
    expiresAt: timestampFromDate(batch.expiresAt),
    metadata: { ...batch.metadata },
    completionWindowSeconds: batch.completionWindowSeconds,
  };
}

export function outcomeToProto(
  outcome: ItemOutcome,
): MessageInitShape<typeof BatchItemOutcomeSchema> {
  return {
    index: outcome.index,
    customId: outcome.customId,
    type: outcome.type,
    result: outcome.result ?? "",
    errorJson: outcome.error ?? "",
  };
}

/** A ListBatchResults or ListBatchErrors request: a page of one kind of outcome after an index. */
interface OutcomesRequest {
  readonly accountId: string;
  readonly batchId: string;
  readonly afterIndex?: number;
  readonly pageSize: number;
}

/** The handler of ListBatchResults or ListBatchErrors: both answer a page of item outcomes. */
export function outcomesPage(batches: Batches, kind: "results" | "errors") {
  return async (request: OutcomesRequest) => {
    const page = await batches.outcomes(
      requireId(request.accountId, "accountId"),
      requireId(request.batchId, "batchId"),
      kind,
      request.afterIndex,
      request.pageSize,
    );
    return { items: page.items.map(outcomeToProto), nextAfterIndex: page.nextAfterIndex };
  };
}
