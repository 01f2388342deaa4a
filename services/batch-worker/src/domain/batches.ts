import { randomBytes } from "node:crypto";
import { decodePageToken, pageSize, toPage } from "@orrery/db";
import { batchErrors } from "./errors.js";
import type { Batch, BatchStatus, ItemOutcome, NewItem } from "./model.js";
import type { BatchStore, ProgressCounters, UnitQueue } from "./ports.js";

export interface BatchServiceOptions {
  readonly store: BatchStore;
  /** Live counters of running batches (Redis), read by get(). */
  readonly counters: ProgressCounters;
  readonly now: () => Date;
  /** Items per work unit on orrery.batch.items.v1, and units of one batch queued at once. */
  readonly queue: UnitQueue;
  /** Window when the client names none. */
  readonly defaultCompletionWindowSeconds: number;
}

/** Most items a results or errors page holds, and most characters of their results. */
export const MAX_OUTCOME_PAGE = 1_000;
export const MAX_OUTCOME_PAGE_BYTES = 2 * 1024 * 1024;

export function newBatchId(): string {
  return `batch_${randomBytes(12).toString("base64url")}`;
}

/** The API side of batches: upload in chunks, start, read, list, cancel, page outcomes. */
export class Batches {
  constructor(private readonly options: BatchServiceOptions) {}

  create(accountId: string, idempotencyKey: string): Promise<{ batch: Batch; existing: boolean }> {
    return this.options.store.create(
      {
        id: newBatchId(),
        accountId,
        idempotencyKey: idempotencyKey === "" ? undefined : idempotencyKey,
        completionWindowSeconds: this.options.defaultCompletionWindowSeconds,
      },
      this.options.now(),
    );
  }

  async append(accountId: string, batchId: string, items: readonly NewItem[]): Promise<number> {
    const total = await this.options.store.appendItems(accountId, batchId, items);
    if (total === undefined) {
      if ((await this.options.store.get(accountId, batchId)) === undefined) {
        throw batchErrors.batchNotFound(batchId);
      }
      throw batchErrors.notOpen(batchId);
    }
    return total;
  }

  async start(
    accountId: string,
    batchId: string,
    metadata: Readonly<Record<string, string>>,
    completionWindowSeconds: number,
  ): Promise<Batch> {
    const batch = await this.options.store.start(
      accountId,
      batchId,
      {
        metadata,
        completionWindowSeconds:
          completionWindowSeconds === 0
            ? this.options.defaultCompletionWindowSeconds
            : completionWindowSeconds,
      },
      this.options.queue,
      this.options.now(),
    );
    if (batch === undefined) throw batchErrors.batchNotFound(batchId);
    return batch;
  }

  abandon(accountId: string, batchId: string): Promise<void> {
    return this.options.store.abandon(accountId, batchId);
  }

  /**
   * The batch; a running one with its live counters from Redis when they are held and ahead
   * of the row (Postgres, the system of record, otherwise: a lost key or Redis away).
   */
  async get(accountId: string, batchId: string): Promise<Batch> {
    const batch = await this.options.store.get(accountId, batchId);
    if (batch === undefined) throw batchErrors.batchNotFound(batchId);
    if (batch.status !== "in_progress") return batch;
    const live = await this.options.counters.read(batchId).catch(() => undefined);
    if (live === undefined) return batch;
    return {
      ...batch,
      succeededItems: Math.max(batch.succeededItems, live.succeeded),
      failedItems: Math.max(batch.failedItems, live.failed),
    };
  }

  async list(
    accountId: string,
    requestedSize: number,
    pageToken: string,
    status: BatchStatus | undefined,
  ) {
    const size = pageSize(requestedSize);
    const rows = await this.options.store.list(
      accountId,
      size + 1,
      decodePageToken(pageToken),
      status,
    );
    return toPage(rows, size);
  }

  async cancel(accountId: string, batchId: string): Promise<Batch> {
    const batch = await this.options.store.cancel(accountId, batchId, this.options.now());
    if (batch === undefined) throw batchErrors.batchNotFound(batchId);
    return batch;
  }

  async outcomes(
    accountId: string,
    batchId: string,
    kind: "results" | "errors",
    afterIndex: number | undefined,
    requestedSize: number,
  ): Promise<{ items: ItemOutcome[]; nextAfterIndex: number | undefined }> {
    const size = Math.min(requestedSize === 0 ? MAX_OUTCOME_PAGE : requestedSize, MAX_OUTCOME_PAGE);
    const rows = await this.options.store.outcomes(accountId, batchId, kind, afterIndex, size + 1);
    if (rows === undefined) throw batchErrors.batchNotFound(batchId);
    // A page stays well under gRPC's 4 MiB message limit, however large each result is.
    const items: ItemOutcome[] = [];
    let bytes = 0;
    for (const row of rows.slice(0, size)) {
      bytes += (row.result?.length ?? 0) + (row.error?.length ?? 0) + row.customId.length + 64;
      if (items.length > 0 && bytes > MAX_OUTCOME_PAGE_BYTES) break;
      items.push(row);
    }
    return {
      items,
      nextAfterIndex: rows.length > items.length ? items.at(-1)?.index : undefined,
    };
  }
}
