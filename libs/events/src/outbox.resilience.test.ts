import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createPgPool, runMigrations } from "@orrery/db";
import { createLogger } from "@orrery/telemetry";
import {
  createScratchDatabase,
  infra,
  type ScratchDatabase,
  stackComponent,
  waitFor,
} from "@orrery/testing";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AnyOrreryEvent } from "./cloudevent.js";
import { EventConsumer } from "./consumer.js";
import { createKafka } from "./kafka-client.js";
import { enqueueEvent, OutboxRelay } from "./outbox.js";
import { EventPublisher } from "./producer.js";
import { TOPICS } from "./topics.js";

// Stops the real Kafka broker: runs in the `resilience` project, alone.
const logger = createLogger({ service: "outbox-resilience", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "outbox-resilience", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/outbox-resilience", logger });
const received: AnyOrreryEvent[] = [];
const consumer = new EventConsumer({
  kafka,
  groupId: `outbox-resilience-${randomUUID()}`,
  topics: [TOPICS.accounts],
  logger,
  handler: async (event) => {
    received.push(event);
  },
});
let database: ScratchDatabase | undefined;
let pool: pg.Pool | undefined;
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  database = await createScratchDatabase("outbox_resilience");
  await runMigrations({
    databaseUrl: database.url,
    directories: [fileURLToPath(new URL("../migrations", import.meta.url))],
    stdio: "pipe",
  });
  pool = createPgPool({ url: database.url, applicationName: "outbox-resilience" });
  relay = new OutboxRelay({ pool, publisher, logger, pollIntervalMs: 200 });
  relay.start();
  await consumer.start();
});

afterAll(async () => {
  await stackComponent("up", "kafka");
  await relay?.stop();
  await consumer.stop();
  await publisher.disconnect();
  await pool?.end();
  await database?.drop();
});

it("publishes an event committed while the broker was down, once it is back", async () => {
  await stackComponent("down", "kafka");
  const accountId = `acc_${randomUUID()}`;
  const client = await pool!.connect();
  let eventId = "";
  try {
    await client.query("BEGIN");
    eventId = await enqueueEvent(client, "/orrery/outbox-resilience", {
      type: "orrery.key.revoked",
      accountId,
      data: { accountId, keyId: "key_during_outage" },
    });
    await client.query("COMMIT");
  } finally {
    client.release();
  }

  // The relay tries, fails, and keeps the row.
  await waitFor(
    async () => {
      const { rows } = await pool!.query(
        "SELECT attempts, published_at FROM outbox_events WHERE id = $1",
        [eventId],
      );
      return rows[0]?.attempts > 0 && rows[0]?.published_at === null;
    },
    { timeoutMs: 60_000, message: "relay attempted and kept the row" },
  );

  await stackComponent("up", "kafka");
  const event = await waitFor(() => received.find((candidate) => candidate.id === eventId), {
    timeoutMs: 120_000,
    intervalMs: 250,
    message: "event published after the broker came back",
  });
  expect(event).toMatchObject({ type: "orrery.key.revoked", accountId });
  const { rows } = await pool!.query("SELECT published_at FROM outbox_events WHERE id = $1", [
    eventId,
  ]);
  expect(rows[0]?.published_at).toBeInstanceOf(Date);
});
