import type { Cursor } from "@orrery/db";
import type pg from "pg";
import type { Attempt, Message } from "../domain/model.js";
import type { FanoutTarget, MessageFilter, MessageStore, NewEvent } from "../domain/ports.js";
import {
  type AttemptRow,
  attemptFromRow,
  MESSAGE_COLUMNS,
  type MessageRow,
  messageFromRow,
} from "./postgres-rows.js";
import { NOTIFY_DUE_SQL } from "./postgres-wake-listener.js";

/**
 * One statement, so it is atomic on its own: the event (a replayed id inserts nothing, and then
 * neither do its messages) and a message for each of the account's matching endpoints. A
 * disabled endpoint's message is recorded as failed, so a later recover can still send it.
 */
const ENQUEUE_SQL = `WITH event AS (
  INSERT INTO events (id, account_id, type, payload) VALUES ($1, $2, $3, $4)
  ON CONFLICT (id) DO NOTHING
  RETURNING id, account_id, type
)
INSERT INTO messages AS m (id, account_id, endpoint_id, event_id, event_type, status, max_attempts, next_attempt_at)
SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), event.account_id, endpoint.id, event.id, event.type,
  CASE WHEN endpoint.disabled_at IS NULL THEN 'pending' ELSE 'failed' END, $5,
  CASE WHEN endpoint.disabled_at IS NULL THEN now() END
FROM event JOIN endpoints endpoint ON endpoint.account_id = event.account_id
WHERE CASE WHEN $6::text IS NOT NULL THEN endpoint.id = $6
  ELSE (cardinality(endpoint.event_types) = 0 OR event.type = ANY (endpoint.event_types))
    AND endpoint.id IS DISTINCT FROM $7::text END
RETURNING ${MESSAGE_COLUMNS}`;

/** The message list: newest first along the account's (or the endpoint's) creation index. */
export function listMessagesQuery(
  accountId: string,
  filter: MessageFilter,
  limit: number,
  after: Cursor | undefined,
): { text: string; values: unknown[] } {
  const values: unknown[] = [accountId];
  const where = ["m.account_id = $1"];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  if (filter.endpointId !== undefined) add((p) => `m.endpoint_id = ${p}`, filter.endpointId);
  if (filter.eventType !== undefined) add((p) => `m.event_type = ${p}`, filter.eventType);
  if (filter.status !== undefined) {
    // In flight is still pending to the caller.
    const statuses = filter.status === "pending" ? ["pending", "delivering"] : [filter.status];
    add((p) => `m.status = ANY (${p}::text[])`, statuses);
  }
  if (after !== undefined) {
    values.push(after.createdAt, after.id);
    where.push(`(m.created_at, m.id) < ($${values.length - 1}, $${values.length})`);
  }
  values.push(limit);
  return {
    text: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(" AND ")}
      ORDER BY m.created_at DESC, m.id DESC LIMIT $${values.length}`,
    values,
  };
}

export class PostgresMessageStore implements MessageStore {
  constructor(private readonly pool: pg.Pool) {}

  async enqueue(event: NewEvent, target: FanoutTarget, maxAttempts: number): Promise<Message[]> {
    const { rows } = await this.pool.query<MessageRow>(ENQUEUE_SQL, [
      event.id,
      event.accountId,
      event.type,
      event.payload,
      maxAttempts,
      target.onlyEndpointId ?? null,
      target.excludeEndpointId ?? null,
    ]);
    return rows.map((row) => messageFromRow({ ...row, payload: event.payload }));
  }

  async listMessages(
    accountId: string,
    filter: MessageFilter,
    limit: number,
    after: Cursor | undefined,
  ): Promise<Message[]> {
    const { rows } = await this.pool.query<MessageRow>(
      listMessagesQuery(accountId, filter, limit, after),
    );
    return rows.map(messageFromRow);
  }

  async getMessage(accountId: string, id: string): Promise<Message | undefined> {
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS}, e.payload FROM messages m JOIN events e ON e.id = m.event_id
       WHERE m.account_id = $1 AND m.id = $2`,
      [accountId, id],
    );
    return rows[0] === undefined ? undefined : messageFromRow(rows[0]);
  }

  async listAttempts(
    accountId: string,
    messageId: string,
    limit: number,
    after: Cursor | undefined,
  ): Promise<Attempt[] | undefined> {
    const owner = await this.pool.query(
      "SELECT 1 FROM messages WHERE account_id = $1 AND id = $2",
      [accountId, messageId],
    );
    if (owner.rowCount === 0) return undefined;
    const { rows } = await this.pool.query<AttemptRow>(
      `SELECT id, message_id, endpoint_id, number, started_at, response_status, latency_ms, error,
         response_body, succeeded
       FROM attempts WHERE message_id = $1
         AND ($2::timestamptz IS NULL OR (started_at, id) < ($2, $3))
       ORDER BY started_at DESC, id DESC LIMIT $4`,
      [messageId, after?.createdAt ?? null, after?.id ?? "", limit],
    );
    return rows.map(attemptFromRow);
  }

  async retryMessage(
    accountId: string,
    id: string,
  ): Promise<Message | "endpoint_disabled" | undefined> {
    const { rows } = await this.pool.query<MessageRow & { disabled: boolean }>(
      `WITH target AS (
         SELECT m.id, endpoint.disabled_at IS NOT NULL AS disabled
         FROM messages m JOIN endpoints endpoint ON endpoint.id = m.endpoint_id
         WHERE m.account_id = $1 AND m.id = $2
       ), queued AS (
         UPDATE messages m SET status = 'pending', next_attempt_at = now(),
           max_attempts = m.attempts + 1, updated_at = now()
         FROM target WHERE m.id = target.id AND NOT target.disabled AND m.status <> 'delivering'
         RETURNING ${MESSAGE_COLUMNS}
       )
       SELECT queued.*, false AS disabled FROM queued
       UNION ALL
       SELECT ${MESSAGE_COLUMNS}, target.disabled FROM target JOIN messages m ON m.id = target.id
       WHERE NOT EXISTS (SELECT 1 FROM queued)`,
      [accountId, id],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    if (row.disabled) return "endpoint_disabled";
    await this.pool.query(NOTIFY_DUE_SQL);
    return messageFromRow(row);
  }

  async admitBatchProgress(batchId: string, at: Date, intervalMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO batch_progress_sent (batch_id, sent_at) VALUES ($1, $2)
       ON CONFLICT (batch_id) DO UPDATE SET sent_at = excluded.sent_at
       WHERE batch_progress_sent.sent_at <= $2::timestamptz - ($3::bigint * interval '1 millisecond')`,
      [batchId, at, intervalMs],
    );
    return (result.rowCount ?? 0) > 0;
  }
}
