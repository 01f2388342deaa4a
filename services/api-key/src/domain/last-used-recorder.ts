import type { LastUse } from "./ports.js";

export interface LastUsedRecorderOptions {
  readonly write: (uses: readonly LastUse[]) => Promise<void>;
  readonly onError: (error: unknown, pending: number) => void;
  /** Most keys remembered between flushes; beyond it the oldest touches wait for the next flush. */
  readonly maxPending?: number;
}

/**
 * Debounces lastUsedAt: a verification only notes the time in memory; `flush` (on a timer and at
 * shutdown) writes every key's latest time in one statement. So a busy key costs one write per
 * interval, not one per request, and a failed write is retried with the next flush.
 */
export class LastUsedRecorder {
  private pending = new Map<string, LastUse>();
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: LastUsedRecorderOptions) {}

  get size(): number {
    return this.pending.size;
  }

  touch(keyId: string, accountId: string, usedAt: Date): void {
    const previous = this.pending.get(keyId);
    if (previous !== undefined && previous.usedAt >= usedAt) return;
    if (previous === undefined && this.pending.size >= (this.options.maxPending ?? 100_000)) return;
    this.pending.set(keyId, { keyId, accountId, usedAt });
  }

  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.options.write([...batch.values()]);
    } catch (error) {
      // Put the batch back unless a newer touch replaced an entry meanwhile.
      for (const [keyId, use] of batch) {
        const newer = this.pending.get(keyId);
        if (newer === undefined || newer.usedAt < use.usedAt) this.pending.set(keyId, use);
      }
      this.options.onError(error, this.pending.size);
    }
  }
}
