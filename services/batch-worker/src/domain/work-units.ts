import type { ComputedOutcome, PendingItem } from "./model.js";
import type { BatchStore, ItemComputer } from "./ports.js";

export interface WorkUnitOptions {
  readonly store: BatchStore;
  readonly computer: ItemComputer;
  readonly now: () => Date;
  /** An item attempted this often without an outcome (it crashed its worker) fails alone. */
  readonly maxAttempts: number;
  readonly progressIntervalMs: number;
  /** Items per work unit. */
  readonly unitSize: number;
}

/** The problem of an item that keeps crashing the worker computing it. */
const POISON_ITEM_ERROR = JSON.stringify({
  code: "INTERNAL_ERROR",
  detail: "The item could not be computed; it was attempted several times.",
});

/**
 * Computes one work unit: the unit's pending items in slices, every pool thread busy, the
 * batch's state checked between slices (a cancelled or expired batch stops within one slice),
 * outcomes written after each round of slices. Safe to run twice: only pending items are taken
 * and recorded.
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
    if (poison.length > 0) {
      await this.record(
        batchId,
        poison.map((item) => ({ index: item.index, status: "failed", error: POISON_ITEM_ERROR })),
      );
    }
    const round = computer.sliceSize * computer.parallelism;
    for (let start = 0; start < items.length; start += round) {
      if (start > 0 && (await store.statusOf(batchId)) !== "in_progress") return;
      const slices: PendingItem[][] = [];
      for (let at = start; at < Math.min(start + round, items.length); at += computer.sliceSize) {
        slices.push(
          items.slice(at, Math.min(at + computer.sliceSize, start + round, items.length)),
        );
      }
      const outcomes = (await Promise.all(slices.map((slice) => computer.compute(slice)))).flat();
      await this.record(batchId, outcomes);
    }
  }

  private record(batchId: string, outcomes: readonly ComputedOutcome[]): Promise<void> {
    return this.options.store.recordOutcomes(
      batchId,
      outcomes,
      this.options.now(),
      this.options.progressIntervalMs,
    );
  }
}
