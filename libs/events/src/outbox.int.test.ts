import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createPgPool, runMigrations } from "@orrery/db";
import { createLogger } from "@orrery/telemetry";
import { createScratchDatabase, infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyOrreryEvent } from "./cloudevent.js";
import { EventConsumer } from "./consumer.js";
import { createKafka } from "./kafka-client.js";
import { enqueueEvent, enqueueEvents, OutboxRelay } from "./outbox.js";
import { EventPublisher } from "./producer.js";
import { TOPICS } from "./topics.js";

const logger = createLogger({ service: "outbox-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "outbox-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/outbox-test", logger });
const received: AnyOrreryEvent[] = [];
const consumer = new EventConsumer({
  kafka,
  groupId: `outbox-test-${randomUUID()}`,
  topics: [TOPICS.accounts],
  logger,
  handler: async (event) => {
    received.push(event);
  },
});
let database: ScratchDatabase;
let pool: pg.Pool;
let relay: OutboxRelay;

beforeAll(async () => {
  database = await createScratchDatabase("outbox");
  await runMigrations({
    databaseUrl: database.url,
    directories: [fileURLToPath(new URL("../migrations", import.meta.url))],
    stdio: "pipe",
  });
  pool = createPgPool({ url: database.url, applicationName: "outbox-test" });
  relay = new OutboxRelay({ pool, publisher, logger, pollIntervalMs: 200 });
  relay.start();
  await consumer.start();
});

afterAll(async () => {
  await relay?.stop();
  await consumer.stop();
  await publisher.disconnect();
  await pool?.end();
  await database?.drop();
});

async function inTransaction(work: (client: pg.PoolClient) => Promise<void>, commit: boolean) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query(commit ? "COMMIT" : "ROLLBACK");
  } finally {
    client.release();
  }
}

describe("transactional outbox", () => {
  it("publishes an event once its transaction commits, and marks the row", async () => {
    const accountId = `acc_${randomUUID()}`;
    let eventId = "";
    await inTransaction(async (client) => {
      eventId = await enqueueEvent(client, "/orrery/outbox-test", {
        type: "orrery.key.revoked",
        accountId,
        subject: "key_9",
        data: { accountId, keyId: "key_9" },
      });
    }, true);
    const event = await waitFor(() => received.find((candidate) => candidate.id === eventId), {
      timeoutMs: 20_000,
      message: "committed event published",
    });
    expect(event).toMatchObject({ type: "orrery.key.revoked", accountId, subject: "key_9" });
    // The relay marks the row after the broker acknowledged it, so a consumer may see the event
    // a moment before the mark is committed.
    const publishedAt = await waitFor(
      async () => {
        const row = await pool.query("SELECT published_at FROM outbox_events WHERE id = $1", [
          eventId,
        ]);
        return row.rows[0]?.published_at ?? undefined;
      },
      { timeoutMs: 20_000, message: "row marked published" },
    );
    expect(publishedAt).toBeInstanceOf(Date);
  });

  it("never publishes an event whose transaction rolled back", async () => {
    const accountId = `acc_${randomUUID()}`;
    await inTransaction(async (client) => {
      await enqueueEvent(client, "/orrery/outbox-test", {
        type: "orrery.key.revoked",
        accountId,
        data: { accountId, keyId: "key_rolled_back" },
      });
    }, false);
    // A committed marker event published after it proves the relay had its chance.
    const markerAccount = `acc_${randomUUID()}`;
    let markerId = "";
    await inTransaction(async (client) => {
      markerId = await enqueueEvent(client, "/orrery/outbox-test", {
        type: "orrery.key.revoked",
        accountId: markerAccount,
        data: { accountId: markerAccount, keyId: "marker" },
      });
    }, true);
    await waitFor(() => received.some((event) => event.id === markerId), {
      timeoutMs: 20_000,
      message: "marker published",
    });
    expect(received.some((event) => event.accountId === accountId)).toBe(false);
    const rows = await pool.query(
      "SELECT count(*)::int AS n FROM outbox_events WHERE partition_key = $1",
      [accountId],
    );
    expect(rows.rows[0]?.n).toBe(0);
  });

  it("keeps per-account order", async () => {
    const accountId = `acc_${randomUUID()}`;
    const ids: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      await inTransaction(async (client) => {
        ids.push(
          await enqueueEvent(client, "/orrery/outbox-test", {
            type: "orrery.account.plan_changed",
            accountId,
            data: { accountId, plan: `plan-${index}` },
          }),
        );
      }, true);
    }
    await waitFor(() => received.filter((event) => event.accountId === accountId).length === 20, {
      timeoutMs: 20_000,
      message: "all 20 events",
    });
    expect(
      received.filter((event) => event.accountId === accountId).map((event) => event.id),
    ).toEqual(ids);
  });

  it("records many events in one statement, published in the order given", async () => {
    const accountId = `acc_${randomUUID()}`;
    let ids: string[] = [];
    await inTransaction(async (client) => {
      ids = await enqueueEvents(
        client,
        "/orrery/outbox-test",
        Array.from({ length: 30 }, (_, index) => ({
          type: "orrery.account.plan_changed" as const,
          accountId,
          subject: accountId,
          data: { accountId, plan: `plan-${index}` },
        })),
      );
    }, true);
    await waitFor(() => received.filter((event) => event.accountId === accountId).length === 30, {
      timeoutMs: 20_000,
      message: "all 30 events",
    });
    const mine = received.filter((event) => event.accountId === accountId);
    expect(mine.map((event) => event.id)).toEqual(ids);
    expect(mine.map((event) => event.subject)).toEqual(Array(30).fill(accountId));
    expect(mine.map((event) => (event.data as { plan: string }).plan)).toEqual(
      Array.from({ length: 30 }, (_, index) => `plan-${index}`),
    );
  });
});
