import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import type { BatchStatus as ApiStatus } from "@orrery/batch-contract";
import { type Batch, BatchStatus } from "@orrery/proto/batch/v1/batch";
import type { z } from "zod";
import type { BatchSchema } from "./batch-schemas.js";

const STATUS_NAMES: Record<BatchStatus, ApiStatus | undefined> = {
  [BatchStatus.UNSPECIFIED]: undefined,
  [BatchStatus.VALIDATING]: "validating",
  [BatchStatus.IN_PROGRESS]: "in_progress",
  [BatchStatus.FINALIZING]: "finalizing",
  [BatchStatus.COMPLETED]: "completed",
  [BatchStatus.FAILED]: "failed",
  [BatchStatus.EXPIRED]: "expired",
  [BatchStatus.CANCELLING]: "cancelling",
  [BatchStatus.CANCELLED]: "cancelled",
};

export function statusToProto(status: ApiStatus | undefined): BatchStatus {
  if (status === undefined) return BatchStatus.UNSPECIFIED;
  const found = Object.entries(STATUS_NAMES).find(([, name]) => name === status);
  return Number(found?.[0] ?? BatchStatus.UNSPECIFIED) as BatchStatus;
}

const iso = (timestamp: Timestamp | undefined) =>
  timestamp === undefined ? undefined : timestampDate(timestamp).toISOString();

/** "24h", "90m", "30s": the window as the client gave it, in its largest whole unit. */
export function windowText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export function windowSeconds(text: string): number {
  const amount = Number(text.slice(0, -1));
  const unit = text.at(-1);
  return amount * (unit === "h" ? 3600 : unit === "m" ? 60 : 1);
}

/** A batch as the API shows it: a timestamp per state reached, counts, progress and ETA. */
export function batchJson(batch: Batch | undefined, now = Date.now()): z.input<typeof BatchSchema> {
  if (batch === undefined) throw new Error("BatchService answered without a batch");
  const status = STATUS_NAMES[batch.status] ?? "validating";
  const total = batch.totalItems;
  const done = batch.succeededItems + batch.failedItems;
  const terminalAt = iso(batch.completedAt);
  const inProgressAt = iso(batch.inProgressAt);
  let etaSeconds: number | undefined;
  if (status === "in_progress" && batch.inProgressAt !== undefined && done > 0) {
    const elapsed = (now - timestampDate(batch.inProgressAt).getTime()) / 1000;
    etaSeconds = Math.max(0, Math.ceil((elapsed / done) * (total - done)));
  }
  const terminalField =
    status === "completed" || status === "failed" || status === "expired" || status === "cancelled"
      ? `${status === "completed" ? "completed" : status}At`
      : undefined;
  return {
    id: batch.id,
    status,
    createdAt: iso(batch.createdAt) ?? new Date(0).toISOString(),
    ...(inProgressAt === undefined ? {} : { inProgressAt }),
    ...(batch.finalizingAt === undefined ? {} : { finalizingAt: iso(batch.finalizingAt) }),
    ...(batch.cancellingAt === undefined ? {} : { cancellingAt: iso(batch.cancellingAt) }),
    ...(terminalField === undefined || terminalAt === undefined
      ? {}
      : { [terminalField]: terminalAt }),
    expiresAt: iso(batch.expiresAt) ?? new Date(0).toISOString(),
    completionWindow: windowText(batch.completionWindowSeconds),
    requestCounts: { total, completed: batch.succeededItems, failed: batch.failedItems },
    progressPercent: total === 0 ? 100 : Math.floor((done * 1000) / total) / 10,
    ...(etaSeconds === undefined ? {} : { etaSeconds }),
    metadata: { ...batch.metadata },
  };
}
