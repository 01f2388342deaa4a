import type { Cursor } from "@orrery/db";
import { inTransaction } from "@orrery/db";
import type pg from "pg";
import type { Endpoint, SealedSecret } from "../domain/model.js";
import type { EndpointPatch, EndpointStore, NewEndpoint } from "../domain/ports.js";
import { ENDPOINT_COLUMNS, type EndpointRow, endpointFromRow } from "./postgres-rows.js";
import { NOTIFY_DUE_SQL } from "./postgres-wake-listener.js";

/** Fails every queued message of endpoints that stop receiving (they can be recovered later). */
export const FAIL_PENDING_SQL = `UPDATE messages SET status = 'failed', next_attempt_at = NULL, updated_at = now()
  WHERE endpoint_id = ANY ($1::text[]) AND status = 'pending'`;

export class PostgresEndpointStore implements EndpointStore {
  constructor(private readonly pool: pg.Pool) {}

  createEndpoint(endpoint: NewEndpoint, maxEndpoints: number): Promise<Endpoint | undefined> {
    return inTransaction(this.pool, async (client) => {
      // Serializes creations per account so two at once cannot both pass the limit.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
        `webhook-endpoints:${endpoint.accountId}`,
      ]);
      const count = await client.query<{ count: string }>(
        "SELECT count(*) FROM endpoints WHERE account_id = $1",
        [endpoint.accountId],
      );
      if (Number(count.rows[0]?.count ?? 0) >= maxEndpoints) return undefined;
      const { rows } = await client.query<EndpointRow>(
        `INSERT INTO endpoints (id, account_id, url, description, kind, event_types, metadata,
           rate_limit_per_second, secret_key_id, secret_ciphertext)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING ${ENDPOINT_COLUMNS}`,
        [
          endpoint.id,
          endpoint.accountId,
          endpoint.url,
          endpoint.description,
          endpoint.kind,
          endpoint.eventTypes,
          JSON.stringify(endpoint.metadata),
          endpoint.rateLimitPerSecond ?? null,
          endpoint.secret.keyId,
          endpoint.secret.ciphertext,
        ],
      );
      return rows[0] === undefined ? undefined : endpointFromRow(rows[0]);
    });
  }

  async getEndpoint(accountId: string, id: string): Promise<Endpoint | undefined> {
    const { rows } = await this.pool.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows[0] === undefined ? undefined : endpointFromRow(rows[0]);
  }

  async listEndpoints(
    accountId: string,
    limit: number,
    after: Cursor | undefined,
  ): Promise<Endpoint[]> {
    const { rows } =
      after === undefined
        ? await this.pool.query<EndpointRow>(
            `SELECT ${ENDPOINT_COLUMNS} FROM endpoints WHERE account_id = $1
             ORDER BY created_at DESC, id DESC LIMIT $2`,
            [accountId, limit],
          )
        : await this.pool.query<EndpointRow>(
            `SELECT ${ENDPOINT_COLUMNS} FROM endpoints
             WHERE account_id = $1 AND (created_at, id) < ($2, $3)
             ORDER BY created_at DESC, id DESC LIMIT $4`,
            [accountId, after.createdAt, after.id, limit],
          );
    return rows.map(endpointFromRow);
  }

  updateEndpoint(
    accountId: string,
    id: string,
    patch: EndpointPatch,
  ): Promise<Endpoint | undefined> {
    const assignments: string[] = ["updated_at = now()"];
    const values: unknown[] = [accountId, id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      assignments.push(`${column} = $${values.length}`);
    };
    if (patch.url !== undefined) set("url", patch.url);
    if (patch.description !== undefined) set("description", patch.description);
    if (patch.eventTypes !== undefined) set("event_types", patch.eventTypes);
    if (patch.metadata !== undefined) set("metadata", JSON.stringify(patch.metadata));
    if (patch.rateLimitPerSecond !== undefined)
      set("rate_limit_per_second", patch.rateLimitPerSecond);
    if (patch.disabled === true) {
      assignments.push(
        "disabled_at = coalesce(disabled_at, now())",
        "disabled_reason = coalesce(disabled_reason, 'manual')",
      );
    } else if (patch.disabled === false) {
      assignments.push("disabled_at = NULL", "disabled_reason = NULL", "failing_since = NULL");
    }
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<EndpointRow>(
        `UPDATE endpoints SET ${assignments.join(", ")} WHERE account_id = $1 AND id = $2
         RETURNING ${ENDPOINT_COLUMNS}`,
        values,
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      if (patch.disabled === true) await client.query(FAIL_PENDING_SQL, [[id]]);
      return endpointFromRow(row);
    });
  }

  async deleteEndpoint(accountId: string, id: string): Promise<boolean> {
    const result = await this.pool.query(
      "DELETE FROM endpoints WHERE account_id = $1 AND id = $2",
      [accountId, id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async rotateSecret(
    accountId: string,
    id: string,
    next: SealedSecret,
    previousExpiresAt: Date,
  ): Promise<Endpoint | undefined> {
    const { rows } = await this.pool.query<EndpointRow>(
      `UPDATE endpoints SET
         previous_secret_key_id = secret_key_id,
         previous_secret_ciphertext = secret_ciphertext,
         previous_secret_expires_at = $3,
         secret_key_id = $4,
         secret_ciphertext = $5,
         updated_at = now()
       WHERE account_id = $1 AND id = $2
       RETURNING ${ENDPOINT_COLUMNS}`,
      [accountId, id, previousExpiresAt, next.keyId, next.ciphertext],
    );
    return rows[0] === undefined ? undefined : endpointFromRow(rows[0]);
  }

  async enableEndpoint(accountId: string, id: string): Promise<Endpoint | undefined> {
    const { rows } = await this.pool.query<EndpointRow>(
      `UPDATE endpoints SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL,
         updated_at = now()
       WHERE account_id = $1 AND id = $2
       RETURNING ${ENDPOINT_COLUMNS}`,
      [accountId, id],
    );
    return rows[0] === undefined ? undefined : endpointFromRow(rows[0]);
  }

  recoverMessages(accountId: string, endpointId: string, since: Date): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const result = await client.query(
        `UPDATE messages SET status = 'pending', next_attempt_at = now(),
           max_attempts = attempts + 1, updated_at = now()
         WHERE endpoint_id = $2 AND account_id = $1 AND status = 'failed' AND created_at >= $3`,
        [accountId, endpointId, since],
      );
      const queued = result.rowCount ?? 0;
      if (queued > 0) await client.query(NOTIFY_DUE_SQL);
      return queued;
    });
  }
}
