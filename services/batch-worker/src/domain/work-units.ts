import { type ComputedOutcomes, joinOutcomes, type PendingItem } from "./model.js";
import type { BatchStore, ItemComputer, ProgressCounters } from "./ports.js";

export interface WorkUnitOptions {
  readonly store: BatchStore;
  readonly computer: ItemComputer;
  readonly counters: ProgressCounters;
  readonly now: () => Date;
  /** An item attempted this often without an outcome (it crashed its worker) fails alone. */
  readonly maxAttempts: number;
  readonly progressIntervalMs: number;
  /** Items per work unit. */
  readonly unitSize: number;
  /** Outcomes written per statement (the batch's state is read back with each write). */
  readonly writeSize: number;
}

/** The problem of an item that keeps crashing the worker computing it. */
const POISON_ITEM_ERROR = JSON.stringify({
  code: "INTERNAL_ERROR",
  detail: "The item could not be computed; it was attempted several times.",
});

/**
 * Computes one work unit as a pipeline: the unit's pending items are claimed at once and cut
 * into slices; every pool thread is kept fed (one slice queued behind each running one) while
 * finished outcomes are written in groups of `writeSize`, one write at a time, beside the
 * computing. Each write reads the batch's state back: a cancelled or expired batch stops taking
 * new slices at once, so its work stops within one group. Safe to run twice: only pending items
 * are taken and recorded.
 */
export class WorkUnits {
  constructor(private readonly options: WorkUnitOptions) {}

  /** Computes the unit, then queues the batch's next one (its place in the partition). */
  async process(batchId: string, firstIndex: number, count: number): Promise<void> {
    await this.compute(batchId, firstIndex, count);
    await this.options.store.queueNextUnit(batchId, this.options.unitSize);
  }

  private async compute(batchId: string, firstIndex: number, count: number): Promise<void> {
    const { store, computer } = this.options;
    if ((await store.statusOf(batchId)) !== "in_progress") return;
    const claimed = await store.claimUnit(batchId, firstIndex, count);
    const poison = claimed.filter((item) => item.attempts > this.options.maxAttempts);
    const items = claimed.filter((item) => item.attempts <= this.options.maxAttempts);
    const writer = new OutcomeWriter((outcomes) => this.record(batchId, outcomes));
    if (poison.length > 0) {
      await writer.add(
        {
          results: Buffer.alloc(0),
          outcomes: poison.map((item) => ({
            index: item.index,
            status: "failed",
            error: POISON_ITEM_ERROR,
          })),
        },
        0,
      );
    }
    const slices: PendingItem[][] = [];
    for (let at = 0; at < items.length; at += computer.sliceSize) {
      slices.push(items.slice(at, at + computer.sliceSize));
    }
    let next = 0;
    const lane = async (): Promise<void> => {
      while (writer.running && next < slices.length) {
        const slice = slices[next] as PendingItem[];
        next += 1;
        await writer.add(await computer.compute(slice), this.options.writeSize);
      }
    };
    // Twice the pool's threads: a thread that finishes a slice finds the next one queued.
    await Promise.all(Array.from({ length: computer.parallelism * 2 }, lane));
    await writer.close();
  }

  /**
   * Records outcomes, then raises the live counters to what the write committed (a lost
   * counter write is made good by the next one; readers fall back to Postgres meanwhile).
   * True while the batch is still running.
   */
  private async record(batchId: string, outcomes: ComputedOutcomes): Promise<boolean> {
    const batch = await this.options.store.recordOutcomes(
      batchId,
      outcomes,
      this.options.now(),
      this.options.progressIntervalMs,
    );
    if (batch === undefined) return false;
    const counters = this.options.counters;
    const running = batch.status === "in_progress";
    await (running
      ? counters.raise(batchId, { succeeded: batch.succeededItems, failed: batch.failedItems })
      : counters.drop(batchId)
    ).catch(() => undefined);
    return running;
  }
}

/**
 * Outcomes gathered into groups and written one group at a time, beside the computing: a
 * caller waits only when a group is already waiting behind the one being written (so the
 * outcomes held stay bounded by two groups and the slices in flight).
 */
class OutcomeWriter {
  private buffered: ComputedOutcomes[] = [];
  private bufferedItems = 0;
  /** The writes so far, chained; never rejects (a failure is kept in `failure`). */
  private writing: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;
  running = true;

  constructor(private readonly write: (outcomes: ComputedOutcomes) => Promise<boolean>) {}

  async add(outcomes: ComputedOutcomes, groupSize: number): Promise<void> {
    this.buffered.push(outcomes);
    this.bufferedItems += outcomes.outcomes.length;
    if (this.bufferedItems >= groupSize) await this.flush();
  }

  /** Writes what is left; throws the first failed write's error (the unit is then redone). */
  async close(): Promise<void> {
    await this.flush();
    await this.writing;
    this.throwIfFailed();
  }

  private async flush(): Promise<void> {
    const groups = this.buffered;
    this.buffered = [];
    this.bufferedItems = 0;
    const previous = this.writing;
    this.writing = previous.then(async () => {
      if (groups.length === 0 || this.failure !== undefined) return;
      try {
        if (!(await this.write(joinOutcomes(groups)))) this.running = false;
      } catch (error) {
        this.failure = { error };
        this.running = false;
      }
    });
    await previous;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
