export interface QuotaThresholdCrossing {
  readonly accountId: string;
  readonly thresholdPercent: number;
  readonly used: number;
  readonly quota: number;
  readonly cycleStart: Date;
  readonly cycleEnd: Date;
}

/**
 * Records a crossing and enqueues its event in one transaction, unless this account, cycle and
 * threshold were already recorded (by any replica, at any time). Resolves true when it recorded.
 */
export interface QuotaNotificationSink {
  record(crossing: QuotaThresholdCrossing): Promise<boolean>;
}

/**
 * Announces each quota threshold once per billing cycle. It is level-triggered: every decision
 * that sees usage at or over a threshold asks the sink, until the sink confirms, so a crash or a
 * database outage between the crossing and the announcement delays it rather than losing it.
 * The durable uniqueness is the sink's; the memo here only spares the database repeated
 * inserts for crossings this process already saw confirmed.
 */
export class QuotaThresholdWatcher {
  private readonly confirmed = new Set<string>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly sink: QuotaNotificationSink,
    private readonly options: {
      thresholdsPercent: () => readonly number[];
      onError: (error: unknown) => void;
      maxMemo?: number;
    },
  ) {}

  /** Returns once every needed announcement was attempted (tests await it; requests do not). */
  async observe(usage: Omit<QuotaThresholdCrossing, "thresholdPercent">): Promise<void> {
    if (usage.quota <= 0) return;
    const attempts: Promise<void>[] = [];
    for (const thresholdPercent of this.options.thresholdsPercent()) {
      if (usage.used * 100 < thresholdPercent * usage.quota) continue;
      const id = `${usage.accountId}\n${usage.cycleStart.getTime()}\n${thresholdPercent}`;
      if (this.confirmed.has(id) || this.pending.has(id)) continue;
      this.pending.add(id);
      attempts.push(
        this.sink
          .record({ ...usage, thresholdPercent })
          .then(() => this.confirm(id))
          .catch((error: unknown) => this.options.onError(error))
          .finally(() => this.pending.delete(id)),
      );
    }
    await Promise.all(attempts);
  }

  private confirm(id: string): void {
    if (this.confirmed.size >= (this.options.maxMemo ?? 100_000)) this.confirmed.clear();
    this.confirmed.add(id);
  }
}
