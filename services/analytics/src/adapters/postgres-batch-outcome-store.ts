import type pg from "pg";
import type {
  BatchEndingTotals,
  BatchEvent,
  BatchOutcomeStore,
} from "../domain/batch-throughput.js";

/** Retention: ended batches through batch_outcomes_ended_idx. */
export const FORGET_ENDED_SQL = `DELETE FROM batch_outcomes
  WHERE ended_at IS NOT NULL AND ended_at < $1`;
/** Retention: batches whose ending never arrived, through batch_outcomes_unended_idx. */
export const FORGET_UNENDED_SQL = `DELETE FROM batch_outcomes
  WHERE ended_at IS NULL AND first_event_at < $1`;

/**
 * batch_outcomes: one upsert per fetched batch of events. The earliest event time wins, and
 * the first ending (a row's ended_at is set once), so redelivery and reordering change nothing.
 */
export class PostgresBatchOutcomeStore implements BatchOutcomeStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(events: readonly BatchEvent[]): Promise<void> {
    // One row per batch in the statement (ON CONFLICT may not touch a row twice): its earliest
    // event, and its first ending among these events.
    const rows = new Map<string, BatchEvent & { first: Date }>();
    for (const event of events) {
      const seen = rows.get(event.batchId);
      if (seen === undefined) {
        rows.set(event.batchId, { ...event, first: event.at });
        continue;
      }
      const first = new Date(Math.min(event.at.getTime(), seen.first.getTime()));
      const ends = event.ending !== undefined && (seen.ending === undefined || event.at < seen.at);
      rows.set(event.batchId, ends ? { ...event, first } : { ...seen, first });
    }
    const values = [...rows.values()];
    await this.pool.query(
      `INSERT INTO batch_outcomes AS o
         (batch_id, account_id, first_event_at, ended_at, status, succeeded_items, failed_items)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                            $5::text[], $6::integer[], $7::integer[])
       ON CONFLICT (batch_id) DO UPDATE SET
         first_event_at = LEAST(o.first_event_at, EXCLUDED.first_event_at),
         ended_at = COALESCE(o.ended_at, EXCLUDED.ended_at),
         status = CASE WHEN o.ended_at IS NULL THEN EXCLUDED.status ELSE o.status END,
         succeeded_items = CASE WHEN o.ended_at IS NULL THEN EXCLUDED.succeeded_items
                                ELSE o.succeeded_items END,
         failed_items = CASE WHEN o.ended_at IS NULL THEN EXCLUDED.failed_items
                             ELSE o.failed_items END`,
      [
        values.map((row) => row.batchId),
        values.map((row) => row.accountId),
        values.map((row) => row.first),
        values.map((row) => (row.ending === undefined ? null : row.at)),
        values.map((row) => row.ending ?? null),
        values.map((row) => row.succeededItems),
        values.map((row) => row.failedItems),
      ],
    );
  }

  async forgetBefore(cutoff: Date): Promise<number> {
    const ended = await this.pool.query(FORGET_ENDED_SQL, [cutoff]);
    const unended = await this.pool.query(FORGET_UNENDED_SQL, [cutoff]);
    return (ended.rowCount ?? 0) + (unended.rowCount ?? 0);
  }

  async endedBetween(from: Date, to: Date): Promise<BatchEndingTotals> {
    const { rows } = await this.pool.query<{
      status: string;
      batches: string;
      succeeded: string;
      failed: string;
      running_ms: string;
    }>(
      `SELECT status, count(*) AS batches, sum(succeeded_items) AS succeeded,
              sum(failed_items) AS failed,
              sum(extract(epoch FROM ended_at - first_event_at) * 1000) AS running_ms
         FROM batch_outcomes
        WHERE ended_at >= $1 AND ended_at < $2
        GROUP BY status`,
      [from, to],
    );
    const ended = { completed: 0, failed: 0, cancelled: 0, expired: 0 };
    let itemsSucceeded = 0;
    let itemsFailed = 0;
    let runningMs = 0;
    for (const row of rows) {
      if (Object.hasOwn(ended, row.status)) {
        ended[row.status as keyof typeof ended] = Number(row.batches);
      }
      itemsSucceeded += Number(row.succeeded);
      itemsFailed += Number(row.failed);
      runningMs += Number(row.running_ms);
    }
    return { ended, itemsSucceeded, itemsFailed, runningMs };
  }
}
