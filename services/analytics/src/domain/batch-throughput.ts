const DAY_MS = 86_400_000;

/** How a batch ended, as orrery.batch.events.v1 names it. */
export const BATCH_ENDINGS = ["completed", "failed", "cancelled", "expired"] as const;
export type BatchEnding = (typeof BATCH_ENDINGS)[number];

/** One batch event: progress (ending undefined) or its end. */
export interface BatchEvent {
  readonly batchId: string;
  readonly accountId: string;
  readonly at: Date;
  readonly ending: BatchEnding | undefined;
  readonly succeededItems: number;
  readonly failedItems: number;
}

export interface BatchEndingTotals {
  readonly ended: Record<BatchEnding, number>;
  readonly itemsSucceeded: number;
  readonly itemsFailed: number;
  /** Summed first-event-to-end time of the batches that ended, ms. */
  readonly runningMs: number;
}

export interface BatchOutcomeStore {
  /** Keeps the earliest event time per batch and its first ending; idempotent. */
  record(events: readonly BatchEvent[]): Promise<void>;
  /** The batches that ended in [from, to). */
  endedBetween(from: Date, to: Date): Promise<BatchEndingTotals>;
  /**
   * Removes the batches that ended before the instant, and those never ended whose first event
   * is before it; answers how many rows went.
   */
  forgetBefore(cutoff: Date): Promise<number>;
}

export interface BatchThroughputSummary extends BatchEndingTotals {
  /** Items with an outcome per second of the range. */
  readonly itemsPerSecond: number;
  /** Items with an outcome per second the batches ran. */
  readonly processingItemsPerSecond: number;
}

/** Batch throughput for the operators' overview, from the batch lifecycle events. */
export class BatchThroughput {
  constructor(
    private readonly store: BatchOutcomeStore,
    private readonly now: () => Date,
    /** Days a batch's outcome is kept after it ended (or, never ended, after it began). */
    private readonly retentionDays: number,
  ) {}

  /** The retention job's part for batches: outcomes past retention are removed. */
  maintain(): Promise<number> {
    return this.store.forgetBefore(new Date(this.now().getTime() - this.retentionDays * DAY_MS));
  }

  record(events: readonly BatchEvent[]): Promise<void> {
    return events.length === 0 ? Promise.resolve() : this.store.record(events);
  }

  async summary(from: Date, to: Date): Promise<BatchThroughputSummary> {
    const totals = await this.store.endedBetween(from, to);
    const items = totals.itemsSucceeded + totals.itemsFailed;
    const rangeSeconds = (to.getTime() - from.getTime()) / 1000;
    return {
      ...totals,
      itemsPerSecond: rangeSeconds > 0 ? items / rangeSeconds : 0,
      processingItemsPerSecond: totals.runningMs > 0 ? items / (totals.runningMs / 1000) : 0,
    };
  }
}
