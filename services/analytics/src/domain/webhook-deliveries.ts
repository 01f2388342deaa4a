const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One delivery attempt, as orrery.webhooks.attempts.v1 announces it. */
export interface WebhookAttempt {
  /** The event's id: an attempt redelivered by Kafka carries the same one. */
  readonly eventId: string;
  readonly accountId: string;
  readonly startedAt: Date;
  readonly succeeded: boolean;
  readonly durationMs: number;
}

/** Attempts of one hour and account, summed. */
export interface WebhookHourTotals {
  readonly bucketStart: Date;
  readonly accountId: string;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly durationMs: number;
}

export interface WebhookAccountTotals {
  readonly accountId: string;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly durationMs: number;
}

export interface WebhookOutcomeStore {
  /**
   * Claims the events' ids and adds the hourly totals (rollUpAttempts) of the events not seen
   * before, in one transaction: an event seen before adds nothing. Answers how many counted.
   */
  record(attempts: readonly WebhookAttempt[]): Promise<number>;
  /** Every account's attempts in [from, to), summed. */
  totalsBetween(from: Date, to: Date): Promise<Omit<WebhookAccountTotals, "accountId">>;
  /** The accounts with the most failed attempts in [from, to), most first, at most `limit`. */
  mostFailingBetween(from: Date, to: Date, limit: number): Promise<WebhookAccountTotals[]>;
  /** Removes the hours that start before the instant; answers how many rows went. */
  forgetHoursBefore(cutoff: Date): Promise<number>;
  /** Forgets event ids claimed before the instant. */
  forgetEventIdsBefore(cutoff: Date): Promise<number>;
}

export interface WebhookAccountSummary extends WebhookAccountTotals {
  readonly successRate: number;
  readonly meanDurationMs: number;
}

export interface WebhookDeliverySummary {
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly successRate: number;
  readonly meanDurationMs: number;
  readonly topFailingAccounts: readonly WebhookAccountSummary[];
}

/** Sums attempts by the UTC hour they started in and their account. */
export function rollUpAttempts(attempts: readonly WebhookAttempt[]): WebhookHourTotals[] {
  const hours = new Map<string, WebhookHourTotals>();
  for (const attempt of attempts) {
    const bucket = Math.floor(attempt.startedAt.getTime() / HOUR_MS) * HOUR_MS;
    const key = `${bucket} ${attempt.accountId}`;
    const seen = hours.get(key);
    hours.set(key, {
      bucketStart: seen?.bucketStart ?? new Date(bucket),
      accountId: attempt.accountId,
      attempts: (seen?.attempts ?? 0) + 1,
      succeeded: (seen?.succeeded ?? 0) + (attempt.succeeded ? 1 : 0),
      failed: (seen?.failed ?? 0) + (attempt.succeeded ? 0 : 1),
      durationMs: (seen?.durationMs ?? 0) + attempt.durationMs,
    });
  }
  return [...hours.values()];
}

function rates<T extends Omit<WebhookAccountTotals, "accountId">>(totals: T) {
  return {
    ...totals,
    successRate: totals.attempts > 0 ? totals.succeeded / totals.attempts : 0,
    meanDurationMs: totals.attempts > 0 ? totals.durationMs / totals.attempts : 0,
  };
}

/** The platform's webhook success rate for the operators' overview, from the attempt events. */
export class WebhookDeliveries {
  constructor(
    private readonly store: WebhookOutcomeStore,
    private readonly now: () => Date,
    /** Days an hour's totals are kept. */
    private readonly retentionDays: number,
    /** Days a counted event's id is kept: longer than the topic keeps events. */
    private readonly dedupWindowDays: number,
  ) {}

  /** Answers how many of the attempts were counted (the rest had been seen before). */
  record(attempts: readonly WebhookAttempt[]): Promise<number> {
    return attempts.length === 0 ? Promise.resolve(0) : this.store.record(attempts);
  }

  /** The retention job's part for webhooks: hours past retention and old event ids go. */
  async maintain(): Promise<void> {
    const now = this.now().getTime();
    await this.store.forgetHoursBefore(new Date(now - this.retentionDays * DAY_MS));
    await this.store.forgetEventIdsBefore(new Date(now - this.dedupWindowDays * DAY_MS));
  }

  async summary(from: Date, to: Date, limit: number): Promise<WebhookDeliverySummary> {
    const [totals, failing] = await Promise.all([
      this.store.totalsBetween(from, to),
      this.store.mostFailingBetween(from, to, limit),
    ]);
    const { durationMs: _summed, ...platform } = rates(totals);
    return { ...platform, topFailingAccounts: failing.map(rates) };
  }
}
