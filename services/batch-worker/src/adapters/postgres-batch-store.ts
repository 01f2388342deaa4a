import { gunzipSync } from "node:zlib";
import type { Cursor } from "@orrery/db";
import { inTransaction } from "@orrery/db";
import { type EventType, enqueueEvent } from "@orrery/events";
import type pg from "pg";
import type {
  Batch,
  BatchSettings,
  BatchStatus,
  ComputedOutcomes,
  ItemOutcome,
  NewBatch,
  NewItem,
  PendingItem,
} from "../domain/model.js";
import type { BatchStore, UnitQueue } from "../domain/ports.js";

const EVENT_SOURCE = "/orrery/batch-worker";

const BATCH_COLUMNS = `id, account_id, status, total_items, succeeded_items, failed_items, metadata,
  completion_window_seconds, created_at, in_progress_at, finalizing_at, cancelling_at,
  completed_at, expires_at`;

interface BatchRow {
  id: string;
  account_id: string;
  status: BatchStatus;
  total_items: number;
  succeeded_items: number;
  failed_items: number;
  metadata: Record<string, string>;
  completion_window_seconds: number;
  created_at: Date;
  in_progress_at: Date | null;
  finalizing_at: Date | null;
  cancelling_at: Date | null;
  completed_at: Date | null;
  expires_at: Date;
}

function batchFromRow(row: BatchRow): Batch {
  return {
    id: row.id,
    accountId: row.account_id,
    status: row.status,
    totalItems: row.total_items,
    succeededItems: row.succeeded_items,
    failedItems: row.failed_items,
    metadata: row.metadata,
    completionWindowSeconds: row.completion_window_seconds,
    createdAt: row.created_at,
    inProgressAt: row.in_progress_at ?? undefined,
    finalizingAt: row.finalizing_at ?? undefined,
    cancellingAt: row.cancelling_at ?? undefined,
    completedAt: row.completed_at ?? undefined,
    expiresAt: row.expires_at,
  };
}

/**
 * An append's items in one statement of one array per column: Postgres parses and plans it once
 * whatever the number of items, where a multi-row VALUES list has five parameters per row.
 */
export const APPEND_ITEMS_SQL = `INSERT INTO batch_items (batch_id, index, custom_id, type, status, params, error)
  SELECT $1, t.index, t.custom_id, t.type,
    CASE WHEN t.error IS NULL THEN 'pending' ELSE 'failed' END, t.params, t.error
  FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
    AS t(index, custom_id, type, params, error)`;

/** The next work unit's items: pending ones in a range, each attempt counted. */
export const CLAIM_UNIT_SQL = `UPDATE batch_items SET attempts = attempts + 1
  WHERE batch_id = $1 AND index >= $2 AND index < $3 AND status = 'pending'
  RETURNING index, type, params, attempts`;

/** A results (or errors) page: one outcome's items in index order, from a cursor. */
export const OUTCOME_PAGE_SQL = `SELECT index, custom_id, type, result, error FROM batch_items
  WHERE batch_id = $1 AND status = ANY($2::text[]) AND index > $3
  ORDER BY index LIMIT $4`;

/** The expiry job: running batches past their window, along the expiry index. */
export const EXPIRE_DUE_SQL = `SELECT id FROM batches
  WHERE expires_at < $1 AND status IN ('in_progress', 'cancelling')
  ORDER BY expires_at LIMIT $2`;

/** The retention job: finished batches (their items go by the cascade, along the primary key). */
export const DELETE_FINISHED_SQL = `DELETE FROM batches WHERE id = ANY(ARRAY(
  SELECT id FROM batches WHERE completed_at < $1 ORDER BY completed_at LIMIT $2))`;

/** GET /v1/batches: an account's batches, newest first, from a keyset cursor. */
export const LIST_BATCHES_SQL = `SELECT ${BATCH_COLUMNS} FROM batches
  WHERE account_id = $1 AND (created_at, id) < ($2, $3) AND ($4::text IS NULL OR status = $4)
  ORDER BY created_at DESC, id DESC LIMIT $5`;

/**
 * A group's outcomes in one statement: the results arrive as one bytea (sent in binary, no hex
 * text per item), each item's a range of it.
 */
const RECORD_OUTCOMES_SQL = `WITH input AS (
    SELECT t.index, t.status, t.error,
      CASE WHEN t.status = 'succeeded'
        THEN substring($4::bytea FROM t.result_start + 1 FOR t.result_length) END AS result
    FROM unnest($2::int[], $3::text[], $5::int[], $6::int[], $7::jsonb[])
      AS t(index, status, result_start, result_length, error)
  ), updated AS (
    UPDATE batch_items AS item
    SET status = input.status, result = input.result, error = input.error
    FROM input
    WHERE item.batch_id = $1 AND item.index = input.index AND item.status = 'pending'
    RETURNING input.status
  )
  UPDATE batches SET
    succeeded_items = succeeded_items + (SELECT count(*) FROM updated WHERE status = 'succeeded'),
    failed_items = failed_items + (SELECT count(*) FROM updated WHERE status = 'failed')
  WHERE id = $1
  RETURNING ${BATCH_COLUMNS}, progress_reported_at`;

/** Marks a running batch's pending items `status` and returns how many it marked. */
const END_PENDING_SQL = `WITH ended AS (
    UPDATE batch_items SET status = $2, error = $3::jsonb
    WHERE batch_id = $1 AND status = 'pending' RETURNING 1
  ) SELECT count(*)::int AS count FROM ended`;

const TERMINAL_EVENT: Record<"completed" | "failed" | "expired" | "cancelled", EventType> = {
  completed: "orrery.batch.completed",
  failed: "orrery.batch.failed",
  expired: "orrery.batch.expired",
  cancelled: "orrery.batch.cancelled",
};

function percent(batch: Batch): number {
  if (batch.totalItems === 0) return 100;
  return Math.floor(((batch.succeededItems + batch.failedItems) * 100) / batch.totalItems);
}

async function announce(
  client: pg.PoolClient,
  type: EventType,
  batch: Batch,
  reason = "",
): Promise<void> {
  await enqueueEvent(client, EVENT_SOURCE, {
    type,
    accountId: batch.accountId,
    subject: batch.id,
    data: {
      accountId: batch.accountId,
      batchId: batch.id,
      status: batch.status,
      totalItems: batch.totalItems,
      succeededItems: batch.succeededItems,
      failedItems: batch.failedItems,
      reason,
      percent: percent(batch),
    },
  } as never);
}

function queueUnit(
  client: pg.PoolClient,
  accountId: string,
  batchId: string,
  itemIndex: number,
  itemCount: number,
): Promise<string> {
  return enqueueEvent(client, EVENT_SOURCE, {
    type: "orrery.batch.item",
    accountId,
    subject: batchId,
    data: { accountId, batchId, itemIndex, itemCount },
  });
}

/** The next unit of a running batch: its first item, the pointer moved past it. */
export const NEXT_UNIT_SQL = `UPDATE batches SET next_unit_index = next_unit_index + $2
  WHERE id = $1 AND status = 'in_progress' AND next_unit_index < total_items
  RETURNING account_id, next_unit_index - $2 AS first_index, total_items`;

/** Batches, items and outcomes in Postgres; every event through the outbox. */
export class PostgresBatchStore implements BatchStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(batch: NewBatch, now: Date): Promise<{ batch: Batch; existing: boolean }> {
    const expiresAt = new Date(now.getTime() + batch.completionWindowSeconds * 1000);
    const { rows } = await this.pool.query<BatchRow>(
      `INSERT INTO batches (id, account_id, status, completion_window_seconds,
         idempotency_key, created_at, expires_at)
       VALUES ($1, $2, 'validating', $3, $4, $5, $6)
       ON CONFLICT (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${BATCH_COLUMNS}`,
      [
        batch.id,
        batch.accountId,
        batch.completionWindowSeconds,
        batch.idempotencyKey ?? null,
        now,
        expiresAt,
      ],
    );
    const created = rows[0];
    if (created !== undefined) return { batch: batchFromRow(created), existing: false };
    const earlier = await this.pool.query<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE account_id = $1 AND idempotency_key = $2`,
      [batch.accountId, batch.idempotencyKey],
    );
    const row = earlier.rows[0];
    if (row === undefined) throw new Error("idempotent batch vanished");
    return { batch: batchFromRow(row), existing: true };
  }

  appendItems(
    accountId: string,
    batchId: string,
    items: readonly NewItem[],
  ): Promise<number | undefined> {
    return inTransaction(this.pool, async (client) => {
      const failed = items.filter((item) => item.error !== undefined).length;
      const { rows } = await client.query<{ total_items: number }>(
        `UPDATE batches SET total_items = total_items + $3, failed_items = failed_items + $4
         WHERE id = $1 AND account_id = $2 AND status = 'validating' RETURNING total_items`,
        [batchId, accountId, items.length, failed],
      );
      if (rows[0] === undefined) return undefined;
      await client.query(APPEND_ITEMS_SQL, [
        batchId,
        items.map((item) => item.index),
        items.map((item) => item.customId),
        items.map((item) => item.type),
        items.map((item) => item.params ?? null),
        items.map((item) => item.error ?? null),
      ]);
      return rows[0].total_items;
    });
  }

  start(
    accountId: string,
    batchId: string,
    settings: BatchSettings,
    queue: UnitQueue,
    now: Date,
  ): Promise<Batch | undefined> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<BatchRow>(
        `UPDATE batches SET status = 'in_progress', in_progress_at = $3, metadata = $4,
           completion_window_seconds = $5::int,
           expires_at = $3::timestamptz + $5::int * interval '1 second'
         WHERE id = $1 AND account_id = $2 AND status = 'validating'
         RETURNING ${BATCH_COLUMNS}`,
        [
          batchId,
          accountId,
          now,
          JSON.stringify(settings.metadata),
          settings.completionWindowSeconds,
        ],
      );
      const started = rows[0];
      if (started === undefined) return this.get(accountId, batchId);
      const batch = batchFromRow(started);
      const queued = Math.min(batch.totalItems, queue.unitSize * queue.unitsInFlight);
      for (let first = 0; first < queued; first += queue.unitSize) {
        await queueUnit(
          client,
          batch.accountId,
          batchId,
          first,
          Math.min(queue.unitSize, batch.totalItems - first),
        );
      }
      await client.query("UPDATE batches SET next_unit_index = $2 WHERE id = $1", [
        batchId,
        queued,
      ]);
      // A batch whose every item was refused at validation has nothing to compute.
      return (await this.finishIfDone(client, batch, now)) ?? batch;
    });
  }

  async abandon(accountId: string, batchId: string): Promise<void> {
    await this.pool.query(
      "DELETE FROM batches WHERE id = $1 AND account_id = $2 AND status = 'validating'",
      [batchId, accountId],
    );
  }

  async get(accountId: string, batchId: string): Promise<Batch | undefined> {
    const { rows } = await this.pool.query<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE id = $1 AND account_id = $2`,
      [batchId, accountId],
    );
    return rows[0] === undefined ? undefined : batchFromRow(rows[0]);
  }

  async list(
    accountId: string,
    limit: number,
    after: Cursor | undefined,
    status: BatchStatus | undefined,
  ): Promise<Batch[]> {
    const { rows } = await this.pool.query<BatchRow>(LIST_BATCHES_SQL, [
      accountId,
      after?.createdAt ?? new Date(8.64e15),
      after?.id ?? "",
      status ?? null,
      limit,
    ]);
    return rows.map(batchFromRow);
  }

  cancel(accountId: string, batchId: string, now: Date): Promise<Batch | undefined> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<BatchRow>(
        `UPDATE batches SET status = 'cancelling', cancelling_at = $3
         WHERE id = $1 AND account_id = $2 AND status IN ('validating', 'in_progress')
         RETURNING ${BATCH_COLUMNS}`,
        [batchId, accountId, now],
      );
      if (rows[0] === undefined) return this.get(accountId, batchId);
      return this.endPending(client, batchFromRow(rows[0]), "cancelled", now, {
        code: "BATCH_ITEM_CANCELLED",
        detail: "The batch was cancelled before this item was computed.",
      });
    });
  }

  async outcomes(
    accountId: string,
    batchId: string,
    kind: "results" | "errors",
    afterIndex: number | undefined,
    limit: number,
  ): Promise<ItemOutcome[] | undefined> {
    const owner = await this.pool.query("SELECT 1 FROM batches WHERE id = $1 AND account_id = $2", [
      batchId,
      accountId,
    ]);
    if (owner.rowCount === 0) return undefined;
    const statuses = kind === "results" ? ["succeeded"] : ["failed", "expired", "cancelled"];
    const { rows } = await this.pool.query<{
      index: number;
      custom_id: string;
      type: string;
      result: Buffer | null;
      error: unknown;
    }>(OUTCOME_PAGE_SQL, [batchId, statuses, afterIndex ?? -1, limit]);
    return rows.map((row) => ({
      index: row.index,
      customId: row.custom_id,
      type: row.type,
      result: row.result === null ? undefined : gunzipSync(row.result).toString("utf8"),
      error: row.error === null ? undefined : JSON.stringify(row.error),
    }));
  }

  queueNextUnit(batchId: string, unitSize: number): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{
        account_id: string;
        first_index: number;
        total_items: number;
      }>(NEXT_UNIT_SQL, [batchId, unitSize]);
      const next = rows[0];
      if (next === undefined) return;
      await queueUnit(
        client,
        next.account_id,
        batchId,
        next.first_index,
        Math.min(unitSize, next.total_items - next.first_index),
      );
    });
  }

  async statusOf(batchId: string): Promise<BatchStatus | undefined> {
    const { rows } = await this.pool.query<{ status: BatchStatus }>(
      "SELECT status FROM batches WHERE id = $1",
      [batchId],
    );
    return rows[0]?.status;
  }

  async claimUnit(batchId: string, firstIndex: number, count: number): Promise<PendingItem[]> {
    const { rows } = await this.pool.query<{
      index: number;
      type: string;
      params: string;
      attempts: number;
    }>(CLAIM_UNIT_SQL, [batchId, firstIndex, firstIndex + count]);
    return rows;
  }

  async recordOutcomes(
    batchId: string,
    computed: ComputedOutcomes,
    now: Date,
    progressIntervalMs: number,
  ): Promise<Batch | undefined> {
    const { outcomes, results } = computed;
    if (outcomes.length === 0) return this.byId(batchId);
    return inTransaction(this.pool, async (client) => {
      // The batch row first, as cancel and expiry take it: locking the items first and the row
      // last deadlocks against a cancel that holds the row and ends the same pending items.
      await client.query("SELECT 1 FROM batches WHERE id = $1 FOR UPDATE", [batchId]);
      const { rows } = await client.query<BatchRow & { progress_reported_at: Date | null }>(
        RECORD_OUTCOMES_SQL,
        [
          batchId,
          outcomes.map((outcome) => outcome.index),
          outcomes.map((outcome) => outcome.status),
          results,
          outcomes.map((outcome) => (outcome.status === "succeeded" ? outcome.resultStart : 0)),
          outcomes.map((outcome) => (outcome.status === "succeeded" ? outcome.resultLength : 0)),
          outcomes.map((outcome) => (outcome.status === "failed" ? outcome.error : null)),
        ],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      const batch = batchFromRow(row);
      if (row.status !== "in_progress") return batch;
      const finished = await this.finishIfDone(client, batch, now);
      if (finished !== undefined) return finished;
      const reported = row.progress_reported_at;
      if (reported !== null && now.getTime() - reported.getTime() < progressIntervalMs) {
        return batch;
      }
      await client.query("UPDATE batches SET progress_reported_at = $2 WHERE id = $1", [
        batchId,
        now,
      ]);
      await announce(client, "orrery.batch.progress", batch);
      return batch;
    });
  }

  private async byId(batchId: string): Promise<Batch | undefined> {
    const { rows } = await this.pool.query<BatchRow>(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE id = $1`,
      [batchId],
    );
    return rows[0] === undefined ? undefined : batchFromRow(rows[0]);
  }

  async expireDue(now: Date, limit: number): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(EXPIRE_DUE_SQL, [now, limit]);
    for (const { id } of rows) {
      await inTransaction(this.pool, async (client) => {
        const locked = await client.query<BatchRow>(
          `SELECT ${BATCH_COLUMNS} FROM batches WHERE id = $1 AND status = 'in_progress' FOR UPDATE`,
          [id],
        );
        if (locked.rows[0] === undefined) return;
        await this.endPending(client, batchFromRow(locked.rows[0]), "expired", now, {
          code: "BATCH_ITEM_EXPIRED",
          detail: "The batch's completion window ended before this item was computed.",
        });
      });
    }
    return rows.length;
  }

  async deleteFinishedBefore(before: Date, limit: number): Promise<number> {
    const { rowCount } = await this.pool.query(DELETE_FINISHED_SQL, [before, limit]);
    return rowCount ?? 0;
  }

  /** Ends a batch's pending items as `status` and the batch with them, announced once. */
  private async endPending(
    client: pg.PoolClient,
    batch: Batch,
    status: "cancelled" | "expired",
    now: Date,
    problem: { code: string; detail: string },
  ): Promise<Batch> {
    const ended = await client.query<{ count: number }>(END_PENDING_SQL, [
      batch.id,
      status,
      JSON.stringify(problem),
    ]);
    const { rows } = await client.query<BatchRow>(
      `UPDATE batches SET status = $2, failed_items = failed_items + $3, completed_at = $4
       WHERE id = $1 RETURNING ${BATCH_COLUMNS}`,
      [batch.id, status, ended.rows[0]?.count ?? 0, now],
    );
    const finished = batchFromRow(rows[0] as BatchRow);
    await announce(client, TERMINAL_EVENT[status], finished, problem.detail);
    return finished;
  }

  /** A running batch whose every item has an outcome ends completed (or failed: none succeeded). */
  private async finishIfDone(
    client: pg.PoolClient,
    batch: Batch,
    now: Date,
  ): Promise<Batch | undefined> {
    if (batch.succeededItems + batch.failedItems < batch.totalItems) return undefined;
    const status = batch.succeededItems === 0 && batch.totalItems > 0 ? "failed" : "completed";
    const { rows } = await client.query<BatchRow>(
      `UPDATE batches SET status = $2, finalizing_at = $3, completed_at = $3
       WHERE id = $1 AND status = 'in_progress' RETURNING ${BATCH_COLUMNS}`,
      [batch.id, status, now],
    );
    if (rows[0] === undefined) return undefined;
    const finished = batchFromRow(rows[0]);
    await announce(
      client,
      TERMINAL_EVENT[status],
      finished,
      status === "failed" ? "Every item of the batch failed." : "",
    );
    return finished;
  }
}
