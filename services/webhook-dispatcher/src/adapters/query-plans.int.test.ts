import { type PlanDatabase, seededPlanDatabase } from "@orrery/db/testing";
import { indexesUsed, sequentialScans } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Maintenance } from "../domain/maintenance.js";
import {
  CLAIM_MESSAGES_SQL,
  DELETE_EVENTS_BEFORE_SQL,
  PostgresDeliveryStore,
  WALK_PENDING_ENDPOINTS_SQL,
} from "./postgres-delivery-store.js";
import { listMessagesQuery } from "./postgres-message-store.js";

// The hot queries' plans on a seeded table the size of a busy month: 400 endpoints of 40
// accounts, 200,000 messages (most delivered, a few thousand pending, a backlog of 20,000 on
// one endpoint), each attempt logged. Each query must reach its rows through its index.
let database: PlanDatabase;

beforeAll(async () => {
  database = await seededPlanDatabase(
    "webhook_plans",
    new URL("../..", import.meta.url),
    `
    INSERT INTO endpoints (id, account_id, url, secret_key_id, secret_ciphertext, created_at)
    SELECT 'ep_' || n, 'acc_' || (n % 40), 'https://example.com/' || n, 'k', '\\x00',
      now() - n * interval '1 minute'
    FROM generate_series(1, 400) AS n;
    INSERT INTO events (id, account_id, type, payload, created_at)
    SELECT 'evt_' || n, 'acc_' || (n % 40), 'key.created', '\\x7b7d', now() - (n % 30000) * interval '1 minute'
    FROM generate_series(1, 200000) AS n;
    INSERT INTO messages (id, account_id, endpoint_id, event_id, event_type, status, attempts,
      max_attempts, next_attempt_at, created_at)
    SELECT 'msg_' || n,
      CASE WHEN n <= 20000 THEN 'acc_7' ELSE 'acc_' || ((1 + n % 400) % 40) END,
      CASE WHEN n <= 20000 THEN 'ep_7' ELSE 'ep_' || (1 + n % 400) END,
      'evt_' || n, 'key.created',
      CASE WHEN n <= 20000 THEN 'pending' WHEN n % 50 = 0 THEN 'pending'
           WHEN n % 97 = 0 THEN 'failed' ELSE 'succeeded' END,
      1, 8,
      CASE WHEN n <= 20000 THEN now() - interval '1 second'
           WHEN n % 50 = 0 THEN now() + (n % 600) * interval '1 second' END,
      now() - (n % 30000) * interval '1 minute'
    FROM generate_series(1, 200000) AS n;
    INSERT INTO attempts (id, message_id, endpoint_id, number, started_at, latency_ms, succeeded)
    SELECT 'att_' || n, 'msg_' || n, 'ep_1', 1, now() - (n % 30000) * interval '1 minute', 10, true
    FROM generate_series(1, 200000) AS n;
  `,
  );
}, 120_000);

afterAll(() => database?.close());

const plan = (text: string, values: readonly unknown[] = []) => database.plan(text, values);

describe("query plans", () => {
  it("walks the endpoints with pending messages along the pending index", async () => {
    const nodes = await plan(WALK_PENDING_ENDPOINTS_SQL, ["", 500]);
    expect(indexesUsed(nodes)).toContain("messages_pending_idx");
    expect(sequentialScans(nodes)).not.toContain("messages");
  });

  it("claims due messages of the chosen endpoints along the pending index", async () => {
    const nodes = await plan(CLAIM_MESSAGES_SQL, [["ep_7", "ep_50"], [10, 10], 30_000]);
    expect(indexesUsed(nodes)).toContain("messages_pending_idx");
    expect(sequentialScans(nodes)).toEqual([]);
  });

  it("lists an account's messages newest first along the account index", async () => {
    const query = listMessagesQuery("acc_3", {}, 51, undefined);
    const nodes = await plan(query.text, query.values);
    expect(indexesUsed(nodes)).toContain("messages_account_created_idx");
    expect(sequentialScans(nodes)).toEqual([]);
    const next = listMessagesQuery("acc_3", { status: "failed" }, 51, {
      createdAt: new Date(Date.now() - 3_600_000),
      id: "msg_9",
    });
    const nextNodes = await plan(next.text, next.values);
    expect(sequentialScans(nextNodes)).toEqual([]);
  });

  it("lists one endpoint's messages along the endpoint index", async () => {
    const query = listMessagesQuery("acc_10", { endpointId: "ep_50" }, 51, undefined);
    const nodes = await plan(query.text, query.values);
    expect(indexesUsed(nodes)).toContain("messages_endpoint_created_idx");
    expect(sequentialScans(nodes)).toEqual([]);
  });

  it("finds expired claims along the lease index", async () => {
    const nodes = await plan(
      "UPDATE messages SET status = 'pending' WHERE status = 'delivering' AND next_attempt_at < now()",
    );
    expect(indexesUsed(nodes)).toContain("messages_lease_idx");
  });

  it("finds what retention removes along the creation index", async () => {
    const nodes = await plan(DELETE_EVENTS_BEFORE_SQL, [
      new Date(Date.now() - 20 * 24 * 3_600_000),
      1000,
    ]);
    expect(indexesUsed(nodes)).toContain("events_created_idx");
    expect(sequentialScans(nodes)).toEqual([]);
  });

  // Last: it changes the seeded tables.
  it("retention removes old events with their messages and attempts, in batches", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const cutoff = new Date(Date.now() - 20 * 24 * 3_600_000);
    const count = async (query: string) =>
      Number((await database.sql.query<{ count: string }>(query, [cutoff])).rows[0]?.count);
    const old = await count("SELECT count(*) FROM events WHERE created_at < $1");
    expect(old).toBeGreaterThan(1_000);
    const total = await count("SELECT count(*) FROM events WHERE $1::timestamptz IS NOT NULL");
    const maintenance = new Maintenance({
      store: new PostgresDeliveryStore(pool),
      now: () => new Date(cutoff.getTime() + 30 * 24 * 3_600_000),
      retentionMs: 30 * 24 * 3_600_000,
      leaseCheckIntervalMs: 60_000,
      retentionIntervalMs: 60_000,
      retentionBatchSize: 1_000,
      onError: (error) => {
        throw error;
      },
    });
    expect(await maintenance.applyRetention()).toBe(old);
    await pool.end();
    expect(await count("SELECT count(*) FROM events WHERE created_at < $1")).toBe(0);
    expect(await count("SELECT count(*) FROM events WHERE $1::timestamptz IS NOT NULL")).toBe(
      total - old,
    );
    expect(
      await count(
        "SELECT count(*) FROM messages m WHERE $1::timestamptz IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)",
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*) FROM attempts a WHERE $1::timestamptz IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = a.message_id)",
      ),
    ).toBe(0);
  });
});
