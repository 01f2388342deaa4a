/** When a merged group is handed on. */
export interface BatchMergeLimits {
  /** A group reaching this many items goes at once. */
  readonly maxItems: number;
  /** The longest the first batch of a group waits for others. */
  readonly maxWaitMs: number;
  /** A group of this many batches goes at once (no one else is left to add one). */
  readonly maxBatches: number;
}

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers batches handed in at about the same time (e.g. the batches of several partitions from
 * one fetch) into one group for `handle`, so that they cost one unit of work (one transaction)
 * instead of one each. Each `add` resolves once the group it joined was handled, and rejects
 * with the group's failure: a caller acts on its batch (commits its offsets) only after that.
 */
export class BatchMerger<T> {
  private items: T[] = [];
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: BatchMergeLimits,
    private readonly handle: (items: readonly T[]) => Promise<void>,
  ) {}

  add(items: readonly T[]): Promise<void> {
    const joined = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    for (const item of items) this.items.push(item);
    if (
      this.items.length >= this.limits.maxItems ||
      this.waiting.length >= this.limits.maxBatches
    ) {
      this.flush();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.limits.maxWaitMs);
    }
    return joined;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.items;
    const waiting = this.waiting;
    this.items = [];
    this.waiting = [];
    this.handle(items).then(
      () => {
        for (const entry of waiting) entry.resolve();
      },
      (error: unknown) => {
        for (const entry of waiting) entry.reject(error);
      },
    );
  }
}
