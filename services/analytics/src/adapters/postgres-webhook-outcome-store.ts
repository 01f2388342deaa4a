import { inTransaction } from "@orrery/db";
import type pg from "pg";
import {
  rollUpAttempts,
  type WebhookAccountTotals,
  type WebhookAttempt,
  type WebhookOutcomeStore,
} from "../domain/webhook-deliveries.js";

/** Ids already claimed are left alone and not returned. */
export const CLAIM_ATTEMPT_IDS_SQL = `INSERT INTO webhook_attempts_seen (event_id)
  SELECT jsonb_array_elements_text($1::jsonb)
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id`;

export const ADD_WEBHOOK_HOURS_SQL = `INSERT INTO webhook_outcomes AS stored
    (bucket_start, account_id, attempts, succeeded, failed, duration_ms)
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[],
                       $6::bigint[])
  ON CONFLICT (bucket_start, account_id) DO UPDATE SET
    attempts = stored.attempts + EXCLUDED.attempts,
    succeeded = stored.succeeded + EXCLUDED.succeeded,
    failed = stored.failed + EXCLUDED.failed,
    duration_ms = stored.duration_ms + EXCLUDED.duration_ms`;

/** The overview's totals: the hours of the range along the primary key. */
export const WEBHOOK_TOTALS_SQL = `SELECT coalesce(sum(attempts), 0) AS attempts,
    coalesce(sum(succeeded), 0) AS succeeded, coalesce(sum(failed), 0) AS failed,
    coalesce(sum(duration_ms), 0) AS duration_ms
  FROM webhook_outcomes WHERE bucket_start >= $1 AND bucket_start < $2`;

export const MOST_FAILING_SQL = `SELECT account_id, sum(attempts) AS attempts,
    sum(succeeded) AS succeeded, sum(failed) AS failed, sum(duration_ms) AS duration_ms
  FROM webhook_outcomes WHERE bucket_start >= $1 AND bucket_start < $2
  GROUP BY account_id HAVING sum(failed) > 0
  ORDER BY sum(failed) DESC, account_id LIMIT $3`;

/** Retention: the hours before the cutoff, along the primary key's leading column. */
export const FORGET_WEBHOOK_HOURS_SQL = "DELETE FROM webhook_outcomes WHERE bucket_start < $1";
export const FORGET_ATTEMPT_IDS_SQL = "DELETE FROM webhook_attempts_seen WHERE seen_at < $1";

interface TotalsRow {
  attempts: string;
  succeeded: string;
  failed: string;
  duration_ms: string;
}

const totalsOf = (row: TotalsRow | undefined) => ({
  attempts: Number(row?.attempts ?? 0),
  succeeded: Number(row?.succeeded ?? 0),
  failed: Number(row?.failed ?? 0),
  durationMs: Number(row?.duration_ms ?? 0),
});

/** webhook_outcomes: one transaction per fetched batch of attempt events. */
export class PostgresWebhookOutcomeStore implements WebhookOutcomeStore {
  constructor(
    private readonly primary: pg.Pool,
    private readonly reads: pg.Pool = primary,
  ) {}

  record(attempts: readonly WebhookAttempt[]): Promise<number> {
    return inTransaction(this.primary, async (client) => {
      const claimed = await client.query<{ event_id: string }>(CLAIM_ATTEMPT_IDS_SQL, [
        JSON.stringify(attempts.map((attempt) => attempt.eventId)),
      ]);
      // An id twice in one batch is claimed once, and counted once.
      const unclaimed = new Set(claimed.rows.map((row) => row.event_id));
      const fresh = attempts.filter((attempt) => unclaimed.delete(attempt.eventId));
      if (fresh.length === 0) return 0;
      // Rows in key order, so two transactions adding to the same hours take their locks alike.
      const hours = rollUpAttempts(fresh).sort(
        (a, b) =>
          a.bucketStart.getTime() - b.bucketStart.getTime() ||
          (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
      );
      await client.query(ADD_WEBHOOK_HOURS_SQL, [
        hours.map((hour) => hour.bucketStart),
        hours.map((hour) => hour.accountId),
        hours.map((hour) => hour.attempts),
        hours.map((hour) => hour.succeeded),
        hours.map((hour) => hour.failed),
        hours.map((hour) => hour.durationMs),
      ]);
      return fresh.length;
    });
  }

  async totalsBetween(from: Date, to: Date) {
    const { rows } = await this.reads.query<TotalsRow>(WEBHOOK_TOTALS_SQL, [from, to]);
    return totalsOf(rows[0]);
  }

  async mostFailingBetween(from: Date, to: Date, limit: number): Promise<WebhookAccountTotals[]> {
    const { rows } = await this.reads.query<TotalsRow & { account_id: string }>(MOST_FAILING_SQL, [
      from,
      to,
      limit,
    ]);
    return rows.map((row) => ({ accountId: row.account_id, ...totalsOf(row) }));
  }

  async forgetHoursBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.primary.query(FORGET_WEBHOOK_HOURS_SQL, [cutoff]);
    return rowCount ?? 0;
  }

  async forgetEventIdsBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.primary.query(FORGET_ATTEMPT_IDS_SQL, [cutoff]);
    return rowCount ?? 0;
  }
}
