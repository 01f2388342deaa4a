import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { inTransaction } from "@orrery/db";
import { enqueueEvent, enqueueEvents, type NewEvent } from "@orrery/events";
import { WebhookAttemptOutcome, WebhookFailureReason } from "@orrery/proto/events/v1/webhooks";
import type pg from "pg";
import type { FailureReason } from "../domain/delivery-outcome.js";
import { type EndpointCapacity, fairAllowances } from "../domain/fair-share.js";
import type { EndpointKind, SealedSecret } from "../domain/model.js";
import type {
  AttemptRecord,
  ClaimedMessage,
  ClaimRequest,
  DeliveryStore,
  DisabledEndpoint,
} from "../domain/ports.js";
import { FAIL_PENDING_SQL } from "./postgres-endpoint-store.js";

const EVENT_SOURCE = "/orrery/webhook-dispatcher";

/**
 * The endpoints with pending messages, in id order from a cursor, one index probe each (a loose
 * index scan of messages_pending_idx): each step yields an endpoint and its earliest pending
 * message, so an endpoint with a huge backlog costs the walk no more than one with a single
 * message.
 */
export const WALK_PENDING_ENDPOINTS_SQL = `WITH RECURSIVE walk (endpoint_id, next_attempt_at, step) AS (
  (SELECT endpoint_id, next_attempt_at, 1 FROM messages
   WHERE status = 'pending' AND endpoint_id > $1
   ORDER BY endpoint_id, next_attempt_at LIMIT 1)
  UNION ALL
  SELECT following.endpoint_id, following.next_attempt_at, walk.step + 1 FROM walk
  CROSS JOIN LATERAL (
    SELECT endpoint_id, next_attempt_at FROM messages
    WHERE status = 'pending' AND endpoint_id > walk.endpoint_id
    ORDER BY endpoint_id, next_attempt_at LIMIT 1
  ) following
  WHERE walk.step < $2
)
SELECT endpoint_id, next_attempt_at <= now() AS due FROM walk`;

/**
 * Takes each chosen endpoint's earliest due messages (at most its allowance) and leases them.
 * Rows another dispatcher holds are skipped, never waited for.
 */
export const CLAIM_MESSAGES_SQL = `UPDATE messages m SET status = 'delivering', attempts = m.attempts + 1,
  next_attempt_at = now() + ($3::bigint * interval '1 millisecond'), updated_at = now()
FROM (
  SELECT picked.id FROM unnest($1::text[], $2::int[]) AS allowance (endpoint_id, quota)
  CROSS JOIN LATERAL (
    SELECT id FROM messages
    WHERE status = 'pending' AND endpoint_id = allowance.endpoint_id AND next_attempt_at <= now()
    ORDER BY next_attempt_at LIMIT allowance.quota
    FOR UPDATE SKIP LOCKED
  ) picked
) claimed, events e
WHERE m.id = claimed.id AND e.id = m.event_id
RETURNING m.id, m.account_id, m.endpoint_id, m.event_type, m.attempts, m.max_attempts, e.payload`;

/**
 * Oldest events first, a bounded batch, found on the creation index and deleted by row address
 * (a TID scan: never a pass over the table); their messages and attempts go by the cascades.
 */
export const DELETE_EVENTS_BEFORE_SQL = `DELETE FROM events WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM events WHERE created_at < $1 ORDER BY created_at LIMIT $2))`;

interface EndpointHealthRow {
  id: string;
  /** Its failing clock runs. */
  failing: boolean;
  /** The clock already ran past the disable window. */
  overdue: boolean;
}

interface WalkRow {
  endpoint_id: string;
  due: boolean;
}

interface ClaimEndpointRow {
  id: string;
  url: string;
  kind: EndpointKind;
  rate_limit_per_second: number | null;
  rate_tat: Date | null;
  secret_key_id: string;
  secret_ciphertext: Buffer;
  previous_secret_key_id: string | null;
  previous_secret_ciphertext: Buffer | null;
  previous_open: boolean;
  in_flight: string;
  now: Date;
}

interface ClaimedRow {
  id: string;
  account_id: string;
  endpoint_id: string;
  event_type: string;
  attempts: number;
  max_attempts: number;
  payload: Buffer;
}

/** Operational events are never reported about themselves (a failing endpoint would loop). */
const OPERATIONAL_TYPES = new Set(["webhook.message.failing", "webhook.endpoint.disabled"]);

export class PostgresDeliveryStore implements DeliveryStore {
  /** Where this dispatcher's walk resumes: endpoints after it get the next turn. */
  private cursor = "";

  constructor(private readonly pool: pg.Pool) {}

  claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    return inTransaction(this.pool, async (client) => {
      const walk = await client.query<WalkRow>(WALK_PENDING_ENDPOINTS_SQL, [
        this.cursor,
        request.endpointsPerClaim,
      ]);
      const last = walk.rows.at(-1);
      this.cursor =
        walk.rows.length < request.endpointsPerClaim || last === undefined ? "" : last.endpoint_id;
      const due = walk.rows.filter((row) => row.due).map((row) => row.endpoint_id);
      if (due.length === 0) return [];

      // Another dispatcher claiming for the same endpoint right now holds its row: skip it, so
      // per-endpoint concurrency and throttle are counted by one claimer at a time.
      const endpoints = await client.query<ClaimEndpointRow>(
        `SELECT e.id, e.url, e.kind, e.rate_limit_per_second, e.rate_tat, e.secret_key_id,
           e.secret_ciphertext, e.previous_secret_key_id, e.previous_secret_ciphertext,
           coalesce(e.previous_secret_expires_at > now(), false) AS previous_open,
           (SELECT count(*) FROM messages d WHERE d.endpoint_id = e.id AND d.status = 'delivering') AS in_flight,
           now() AS now
         FROM endpoints e WHERE e.id = ANY ($1::text[]) AND e.disabled_at IS NULL
         ORDER BY e.id FOR NO KEY UPDATE OF e SKIP LOCKED`,
        [due],
      );
      if (endpoints.rows.length === 0) return [];
      const allowances = fairAllowances(endpoints.rows.map(capacityOf), request);
      const chosen = endpoints.rows.filter((_, index) => (allowances[index] ?? 0) > 0);
      if (chosen.length === 0) return [];
      const claimed = await client.query<ClaimedRow>(CLAIM_MESSAGES_SQL, [
        chosen.map((row) => row.id),
        chosen.map((row) => allowances[endpoints.rows.indexOf(row)] ?? 0),
        request.leaseMs,
      ]);

      const byEndpoint = new Map(chosen.map((row) => [row.id, row]));
      const sequence = new Map<string, number>();
      const throttled: { id: string; tat: Date }[] = [];
      const messages = claimed.rows.map((row): ClaimedMessage => {
        const endpoint = byEndpoint.get(row.endpoint_id) as ClaimEndpointRow;
        const index = sequence.get(row.endpoint_id) ?? 0;
        sequence.set(row.endpoint_id, index + 1);
        return {
          messageId: row.id,
          accountId: row.account_id,
          endpointId: row.endpoint_id,
          eventType: row.event_type,
          attempt: row.attempts,
          maxAttempts: row.max_attempts,
          payload: row.payload,
          url: endpoint.url,
          kind: endpoint.kind,
          secrets: secretsOf(endpoint),
          notBefore: slotTime(endpoint, index),
        };
      });
      for (const [id, count] of sequence) {
        const endpoint = byEndpoint.get(id) as ClaimEndpointRow;
        if (endpoint.rate_limit_per_second !== null) {
          throttled.push({ id, tat: slotTime(endpoint, count) });
        }
      }
      if (throttled.length > 0) {
        await client.query(
          `UPDATE endpoints e SET rate_tat = t.tat
           FROM unnest($1::text[], $2::timestamptz[]) AS t (id, tat) WHERE e.id = t.id`,
          [throttled.map((entry) => entry.id), throttled.map((entry) => entry.tat)],
        );
      }
      return messages;
    });
  }

  record(
    records: readonly AttemptRecord[],
    options: { readonly disableAfterMs: number; readonly failingAfterAttempts: number },
  ): Promise<DisabledEndpoint[]> {
    return inTransaction(this.pool, async (client) => {
      // Endpoints first, in id order, then their messages: the order every writer takes (a
      // delete cascades from the endpoint too), so none of them deadlock. A key-share lock: it
      // keeps the endpoint from being deleted meanwhile without making claims skip it.
      const endpointIds = [...new Set(records.map((r) => r.claim.endpointId))].sort();
      const health = await client.query<EndpointHealthRow>(
        `SELECT id, failing_since IS NOT NULL AS failing,
           coalesce(failing_since <= now() - ($2::bigint * interval '1 millisecond'), false) AS overdue
         FROM endpoints WHERE id = ANY ($1::text[]) ORDER BY id FOR KEY SHARE`,
        [endpointIds, options.disableAfterMs],
      );
      // A message whose endpoint was deleted meanwhile is gone with its attempts.
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO attempts (id, message_id, endpoint_id, number, started_at, response_status,
           latency_ms, error, response_body, succeeded)
         SELECT a.* FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[],
           $6::int[], $7::int[], $8::text[], $9::bytea[], $10::boolean[])
           AS a (id, message_id, endpoint_id, number, started_at, response_status, latency_ms,
             error, response_body, succeeded)
         WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = a.message_id)
         RETURNING id`,
        [
          records.map((r) => r.attemptId),
          records.map((r) => r.claim.messageId),
          records.map((r) => r.claim.endpointId),
          records.map((r) => r.claim.attempt),
          records.map((r) => r.startedAt),
          records.map((r) => r.responseStatus),
          records.map((r) => r.latencyMs),
          records.map((r) => r.error.slice(0, 1_000)),
          records.map((r) => r.responseBody.subarray(0, 4_096)),
          records.map((r) => r.succeeded),
        ],
      );
      // One attempt_completed per attempt row, in the transaction that writes the row: a retried
      // write (this one rolled back) announces nothing twice, and an attempt whose message went
      // with its endpoint, having no row, announces nothing either.
      const written = new Set(inserted.rows.map((row) => row.id));
      await enqueueEvents(
        client,
        EVENT_SOURCE,
        records.filter((record) => written.has(record.attemptId)).map(attemptCompleted),
      );
      // Only the claim that is still current moves its message on (a lease taken back and
      // claimed again belongs to the newer attempt).
      const moved = await client.query<{ id: string }>(
        `UPDATE messages m SET status = r.status, next_attempt_at = r.next_attempt_at, updated_at = now()
         FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[])
           AS r (id, attempt, status, next_attempt_at)
         WHERE m.id = r.id AND m.status = 'delivering' AND m.attempts = r.attempt
         RETURNING m.id`,
        [
          records.map((r) => r.claim.messageId),
          records.map((r) => r.claim.attempt),
          records.map((r) => statusAfter(r)),
          records.map((r) => r.nextAttemptAt ?? null),
        ],
      );
      const disabled = await this.updateHealth(
        client,
        records,
        new Map(health.rows.map((row) => [row.id, row])),
        options.disableAfterMs,
      );
      for (const endpoint of disabled) {
        await enqueueEvent(client, EVENT_SOURCE, {
          type: "orrery.webhook.endpoint_disabled",
          accountId: endpoint.accountId,
          subject: endpoint.endpointId,
          data: {
            accountId: endpoint.accountId,
            endpointId: endpoint.endpointId,
            reason: endpoint.reason,
          },
        });
      }
      const current = new Set(moved.rows.map((row) => row.id));
      for (const record of records) {
        const { claim } = record;
        if (
          !current.has(claim.messageId) ||
          record.succeeded ||
          record.nextAttemptAt === undefined ||
          claim.attempt !== options.failingAfterAttempts ||
          OPERATIONAL_TYPES.has(claim.eventType)
        ) {
          continue;
        }
        await enqueueEvent(client, EVENT_SOURCE, {
          type: "orrery.webhook.attempt_failing",
          accountId: claim.accountId,
          subject: claim.messageId,
          data: {
            accountId: claim.accountId,
            endpointId: claim.endpointId,
            messageId: claim.messageId,
            attempt: claim.attempt,
            responseStatus: record.responseStatus,
            error: record.error,
          },
        });
      }
      return disabled;
    });
  }

  /**
   * Per endpoint, its latest attempt in the batch decides: a success stops the failing clock, a
   * failure starts it (from the first failure after the batch's last success) and disables the
   * endpoint once the clock passes disableAfterMs; 410 disables at once. Only endpoints whose
   * state changes are locked for update (in id order), so a batch of successes for healthy
   * endpoints writes none of their rows.
   */
  private async updateHealth(
    client: pg.PoolClient,
    records: readonly AttemptRecord[],
    health: ReadonlyMap<string, EndpointHealthRow>,
    disableAfterMs: number,
  ): Promise<DisabledEndpoint[]> {
    const byEndpoint = new Map<string, AttemptRecord[]>();
    for (const record of records) {
      const list = byEndpoint.get(record.claim.endpointId) ?? [];
      list.push(record);
      byEndpoint.set(record.claim.endpointId, list);
    }
    const recovered: string[] = [];
    const newlyFailing: { id: string; since: Date }[] = [];
    const disableCandidates: string[] = [];
    const gone: string[] = [];
    for (const [id, list] of byEndpoint) {
      const current = health.get(id);
      if (current === undefined) continue;
      list.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
      if (list.some((record) => record.endpointGone)) gone.push(id);
      const latest = list.at(-1) as AttemptRecord;
      if (latest.succeeded) {
        if (current.failing) recovered.push(id);
        continue;
      }
      if (!current.failing) {
        const lastSuccess = list.findLastIndex((record) => record.succeeded);
        newlyFailing.push({ id, since: (list[lastSuccess + 1] as AttemptRecord).startedAt });
        disableCandidates.push(id);
      } else if (current.overdue) {
        disableCandidates.push(id);
      }
    }
    const changing = [...new Set([...recovered, ...disableCandidates, ...gone])].sort();
    if (changing.length === 0) return [];
    await client.query(
      "SELECT 1 FROM endpoints WHERE id = ANY ($1::text[]) ORDER BY id FOR NO KEY UPDATE",
      [changing],
    );
    if (recovered.length > 0) {
      await client.query(
        `UPDATE endpoints SET failing_since = NULL
         WHERE id = ANY ($1::text[]) AND failing_since IS NOT NULL`,
        [recovered],
      );
    }
    if (newlyFailing.length > 0) {
      await client.query(
        `UPDATE endpoints e SET failing_since = f.since
         FROM unnest($1::text[], $2::timestamptz[]) AS f (id, since)
         WHERE e.id = f.id AND e.failing_since IS NULL`,
        [newlyFailing.map((entry) => entry.id), newlyFailing.map((entry) => entry.since)],
      );
    }
    if (disableCandidates.length === 0 && gone.length === 0) return [];
    const { rows } = await client.query<{
      id: string;
      account_id: string;
      disabled_reason: "gone" | "failing";
    }>(
      `UPDATE endpoints SET disabled_reason = CASE WHEN id = ANY ($1::text[]) THEN 'gone' ELSE 'failing' END,
         disabled_at = now(), updated_at = now()
       WHERE disabled_at IS NULL AND (id = ANY ($1::text[]) OR (id = ANY ($2::text[])
         AND failing_since <= now() - ($3::bigint * interval '1 millisecond')))
       RETURNING id, account_id, disabled_reason`,
      [gone, disableCandidates, disableAfterMs],
    );
    if (rows.length > 0) await client.query(FAIL_PENDING_SQL, [rows.map((row) => row.id)]);
    return rows.map((row) => ({
      endpointId: row.id,
      accountId: row.account_id,
      reason: row.disabled_reason,
    }));
  }

  async releaseExpiredLeases(): Promise<number> {
    const result = await this.pool.query(
      `UPDATE messages SET status = 'pending', next_attempt_at = now(), updated_at = now()
       WHERE status = 'delivering' AND next_attempt_at < now()`,
    );
    return result.rowCount ?? 0;
  }

  async deleteEventsBefore(cutoff: Date, limit: number): Promise<number> {
    const result = await this.pool.query(DELETE_EVENTS_BEFORE_SQL, [cutoff, limit]);
    await this.pool.query("DELETE FROM batch_progress_sent WHERE sent_at < $1", [cutoff]);
    return result.rowCount ?? 0;
  }
}

const FAILURE_REASONS: Record<FailureReason, WebhookFailureReason> = {
  http_status: WebhookFailureReason.HTTP_STATUS,
  timeout: WebhookFailureReason.TIMEOUT,
  connection: WebhookFailureReason.CONNECTION,
  tls: WebhookFailureReason.TLS,
  destination_not_allowed: WebhookFailureReason.DESTINATION_NOT_ALLOWED,
  other: WebhookFailureReason.OTHER,
};

function attemptCompleted(record: AttemptRecord): NewEvent<"orrery.webhook.attempt_completed"> {
  const { claim } = record;
  return {
    type: "orrery.webhook.attempt_completed",
    accountId: claim.accountId,
    subject: claim.messageId,
    time: record.startedAt,
    data: {
      accountId: claim.accountId,
      endpointId: claim.endpointId,
      messageId: claim.messageId,
      attempt: claim.attempt,
      outcome: record.succeeded ? WebhookAttemptOutcome.SUCCEEDED : WebhookAttemptOutcome.FAILED,
      failureReason:
        record.failureReason === undefined
          ? WebhookFailureReason.UNSPECIFIED
          : FAILURE_REASONS[record.failureReason],
      responseStatus: record.responseStatus,
      durationMs: Math.max(0, record.latencyMs),
      startedAt: timestampFromDate(record.startedAt),
      eventType: claim.eventType,
    },
  };
}

function statusAfter(record: AttemptRecord): "succeeded" | "failed" | "pending" {
  if (record.succeeded) return "succeeded";
  return record.nextAttemptAt === undefined ? "failed" : "pending";
}

function secretsOf(endpoint: ClaimEndpointRow): SealedSecret[] {
  const secrets: SealedSecret[] = [
    { keyId: endpoint.secret_key_id, ciphertext: endpoint.secret_ciphertext },
  ];
  if (
    endpoint.previous_open &&
    endpoint.previous_secret_key_id !== null &&
    endpoint.previous_secret_ciphertext !== null
  ) {
    secrets.push({
      keyId: endpoint.previous_secret_key_id,
      ciphertext: endpoint.previous_secret_ciphertext,
    });
  }
  return secrets;
}

/** Throttled endpoints: attempt `index` of this claim starts one interval after the one before. */
function slotTime(endpoint: ClaimEndpointRow, index: number): Date {
  const now = endpoint.now.getTime();
  if (endpoint.rate_limit_per_second === null) return endpoint.now;
  const interval = 1_000 / endpoint.rate_limit_per_second;
  const start = Math.max(endpoint.rate_tat?.getTime() ?? now, now);
  return new Date(start + index * interval);
}

function capacityOf(endpoint: ClaimEndpointRow): EndpointCapacity {
  return {
    inFlight: Number(endpoint.in_flight),
    ratePerSecond: endpoint.rate_limit_per_second ?? undefined,
    nextSlot: endpoint.rate_tat ?? undefined,
    now: endpoint.now,
  };
}
