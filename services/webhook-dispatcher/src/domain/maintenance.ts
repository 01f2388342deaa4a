import type { DeliveryStore } from "./ports.js";

export interface MaintenanceOptions {
  readonly store: DeliveryStore;
  readonly now: () => Date;
  /** Events, messages and attempts older than this are deleted. */
  readonly retentionMs: number;
  readonly leaseCheckIntervalMs: number;
  readonly retentionIntervalMs: number;
  readonly retentionBatchSize: number;
  readonly onError: (error: unknown, what: string) => void;
  readonly onReleased?: (count: number) => void;
}

/**
 * Housekeeping every dispatcher runs (each step is safe to run on several at once): takes back
 * the claims of dispatchers that died, and deletes what has passed retention, in bounded
 * batches along the creation-time index.
 */
export class Maintenance {
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MaintenanceOptions) {}

  start(): void {
    this.every(this.options.leaseCheckIntervalMs, () => this.releaseLeases());
    this.every(this.options.retentionIntervalMs, () => this.applyRetention());
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }

  async releaseLeases(): Promise<number> {
    const released = await this.options.store.releaseExpiredLeases();
    if (released > 0) this.options.onReleased?.(released);
    return released;
  }

  /** Deletes batch after batch until nothing older than the retention remains. */
  async applyRetention(): Promise<number> {
    const cutoff = new Date(this.options.now().getTime() - this.options.retentionMs);
    let total = 0;
    for (;;) {
      const deleted = await this.options.store.deleteEventsBefore(
        cutoff,
        this.options.retentionBatchSize,
      );
      total += deleted;
      if (deleted < this.options.retentionBatchSize) return total;
    }
  }

  private every(intervalMs: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      this.running = this.running
        .then(task)
        .catch((error: unknown) => this.options.onError(error, "maintenance"));
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
