import type { Cursor } from "@orrery/db";
import type {
  Batch,
  BatchSettings,
  BatchStatus,
  ComputedOutcomes,
  ItemOutcome,
  NewBatch,
  NewItem,
  PendingItem,
} from "./model.js";

export interface BatchStore {
  /** A new batch, or the one created earlier under the same (account, idempotency key). */
  create(batch: NewBatch, now: Date): Promise<{ batch: Batch; existing: boolean }>;
  /** Adds items to a validating batch in one insert; undefined when it is not one. */
  appendItems(
    accountId: string,
    batchId: string,
    items: readonly NewItem[],
  ): Promise<number | undefined>;
  /**
   * Puts a validating batch in progress and queues its first `units` work units of `unitSize`
   * items (through the outbox, in the same transaction). Undefined when no such batch.
   */
  start(
    accountId: string,
    batchId: string,
    settings: BatchSettings,
    queue: UnitQueue,
    now: Date,
  ): Promise<Batch | undefined>;
  /** Queues the batch's next work unit, if it is running and has one left. */
  queueNextUnit(batchId: string, unitSize: number): Promise<void>;
  /** Drops a batch still being uploaded, with its items. */
  abandon(accountId: string, batchId: string): Promise<void>;
  get(accountId: string, batchId: string): Promise<Batch | undefined>;
  list(
    accountId: string,
    limit: number,
    after: Cursor | undefined,
    status: BatchStatus | undefined,
  ): Promise<Batch[]>;
  /** Pending items end cancelled, the batch cancelled (announced once); finished batches stay. */
  cancel(accountId: string, batchId: string, now: Date): Promise<Batch | undefined>;
  /** Succeeded (or failed, expired, cancelled) items after `afterIndex`, in index order. */
  outcomes(
    accountId: string,
    batchId: string,
    kind: "results" | "errors",
    afterIndex: number | undefined,
    limit: number,
  ): Promise<ItemOutcome[] | undefined>;

  /** The batch's status, or undefined when it no longer exists. */
  statusOf(batchId: string): Promise<BatchStatus | undefined>;
  /** The unit's items still pending, each attempt counted. */
  claimUnit(batchId: string, firstIndex: number, count: number): Promise<PendingItem[]>;
  /**
   * Records outcomes of items still pending (others are left alone, so a unit redone after a
   * crash counts nothing twice), moves the counters in the same transaction, and announces
   * progress (at most once per `progressIntervalMs`) and the terminal state (exactly once).
   * Returns the batch after the write (undefined when it no longer exists).
   */
  recordOutcomes(
    batchId: string,
    outcomes: ComputedOutcomes,
    now: Date,
    progressIntervalMs: number,
  ): Promise<Batch | undefined>;
  /** Batches past their window: pending items end expired, the batch expired. Returns how many. */
  expireDue(now: Date, limit: number): Promise<number>;
  /** Deletes finished batches (and their items) completed before `before`. Returns how many. */
  deleteFinishedBefore(before: Date, limit: number): Promise<number>;
}

/** How a batch's items are cut into work units, and how many are queued at once. */
export interface UnitQueue {
  readonly unitSize: number;
  readonly unitsInFlight: number;
}

/** Computes items on the worker-thread pool; one outcome per item, in any order. */
export interface ItemComputer {
  compute(items: readonly PendingItem[]): Promise<ComputedOutcomes>;
  /** Items computed at once in one task; a unit is split into slices of this size. */
  readonly sliceSize: number;
  /** Tasks run in parallel (the pool's threads). */
  readonly parallelism: number;
}

/** Items of a batch with an outcome so far. */
export interface ProgressCounts {
  readonly succeeded: number;
  readonly failed: number;
}

/**
 * The live counters of running batches (Redis), written after each write of outcomes with the
 * counts that write committed to Postgres, the system of record. A lost key is not an error:
 * readers fall back to Postgres.
 */
export interface ProgressCounters {
  /** Raises the batch's counters to at least `counts` (monotonic: a late write lowers nothing). */
  raise(batchId: string, counts: ProgressCounts): Promise<void>;
  /** The live counters, or undefined when none are held. */
  read(batchId: string): Promise<ProgressCounts | undefined>;
  /** Forgets a finished batch's counters (Postgres holds the final ones). */
  drop(batchId: string): Promise<void>;
}
