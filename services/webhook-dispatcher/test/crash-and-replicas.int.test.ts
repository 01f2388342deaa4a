import { createKafka, EventPublisher } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import { infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DispatcherProcess,
  startDispatcher,
  webhookDatabase,
} from "./support/dispatcher-process.js";
import { Receiver } from "./support/receiver.js";

// Several dispatcher processes on one database and consumer group, one of them SIGKILLed while
// it consumes and delivers.
const logger = createLogger({ service: "webhook-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "webhook-crash-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/webhook-test", logger });
const overrides = { WEBHOOK_TIMEOUT_MS: "1000", WEBHOOK_POLL_INTERVAL_MS: "200" };
let database: ScratchDatabase;
let sql: pg.Client;
const dispatchers: DispatcherProcess[] = [];
const receivers: Receiver[] = [];

beforeAll(async () => {
  database = await webhookDatabase("webhook_crash");
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});

afterAll(async () => {
  await publisher.disconnect();
  for (const dispatcher of dispatchers) await dispatcher.stop();
  for (const receiver of receivers) await receiver.stop();
  await sql?.end();
  await database?.drop();
});

async function dispatcher(readyTimeoutMs?: number): Promise<DispatcherProcess> {
  const started = await startDispatcher(database, overrides, { readyTimeoutMs });
  dispatchers.push(started);
  return started;
}

async function receiver(): Promise<Receiver> {
  const started = await new Receiver().start();
  receivers.push(started);
  return started;
}

function keyCreated(accountId: string, keyId: string) {
  return {
    type: "orrery.key.created" as const,
    accountId,
    data: { accountId, keyId, name: keyId, scopes: [] },
  };
}

/** keyId of every delivery → the webhook-ids it arrived with. */
function deliveriesByKey(hooks: Receiver): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const request of hooks.requests) {
    const keyId = String(
      (JSON.parse(request.body.toString()) as { data: { keyId: string } }).data.keyId,
    );
    const ids = byKey.get(keyId) ?? new Set<string>();
    ids.add(String(request.headers["webhook-id"]));
    byKey.set(keyId, ids);
  }
  return byKey;
}

describe("crashes and replicas", () => {
  it("loses no message when a dispatcher is SIGKILLed mid-stream", {
    timeout: 180_000,
  }, async () => {
    const hooks = await receiver();
    hooks.respond = () => ({ status: 200, delayMs: 20 });
    const first = await dispatcher();
    const accountId = `acc_crash${Date.now().toString(36)}`;
    await first.client.createEndpoint({ accountId, url: hooks.url, maxEndpoints: 5 });
    const keys = Array.from({ length: 400 }, (_, index) => `key_crash${index}`);
    await publisher.publishMany(keys.map((keyId) => keyCreated(accountId, keyId)));

    await waitFor(() => hooks.requests.length >= 60, {
      timeoutMs: 60_000,
      message: "deliveries under way",
    });
    await first.process.kill();
    dispatchers.splice(dispatchers.indexOf(first), 1);
    const deliveredBeforeCrash = new Set(
      hooks.requests.map((request) => request.headers["webhook-id"]),
    );
    expect(deliveredBeforeCrash.size).toBeLessThan(keys.length);

    // Ready once its consumer holds the partitions: the group waits out the killed member's
    // session (30 s) first.
    await dispatcher(90_000);
    await waitFor(() => deliveriesByKey(hooks).size === keys.length, {
      timeoutMs: 150_000,
      intervalMs: 500,
      message: "every key delivered after the crash",
    });
    // Redelivered or not, each event kept its one webhook-id.
    for (const [, ids] of deliveriesByKey(hooks)) expect(ids.size).toBe(1);
    // A receiver has the request a moment before the dispatcher records the message delivered.
    const statuses = async () =>
      (
        await sql.query<{ status: string; count: string }>(
          "SELECT status, count(*) FROM messages WHERE account_id = $1 GROUP BY status",
          [accountId],
        )
      ).rows;
    await waitFor(async () => (await statuses()).every((row) => row.status === "succeeded"), {
      timeoutMs: 30_000,
      message: "every message recorded delivered",
    });
    expect(await statuses()).toEqual([{ status: "succeeded", count: String(keys.length) }]);
    // One attempt_completed per recorded attempt, the killed dispatcher's included: an attempt
    // it made but never recorded has neither a row nor an event.
    const { rows } = await sql.query<{ attempts: string; events: string }>(
      `SELECT (SELECT count(*) FROM attempts a JOIN messages m ON m.id = a.message_id
               WHERE m.account_id = $1) AS attempts,
              (SELECT count(*) FROM outbox_events
               WHERE type = 'orrery.webhook.attempt_completed' AND partition_key = $1) AS events`,
      [accountId],
    );
    expect(Number(rows[0]?.attempts)).toBeGreaterThanOrEqual(keys.length);
    expect(rows[0]?.events).toBe(rows[0]?.attempts);
  });

  it("never has two dispatchers deliver the same attempt", { timeout: 120_000 }, async () => {
    while (dispatchers.length < 2) await dispatcher();
    const accountId = `acc_replicas${Date.now().toString(36)}`;
    const endpoints = await Promise.all(Array.from({ length: 4 }, () => receiver()));
    for (const hooks of endpoints) {
      await dispatchers[0]!.client.createEndpoint({ accountId, url: hooks.url, maxEndpoints: 5 });
    }
    const keys = Array.from({ length: 250 }, (_, index) => `key_replica${index}`);
    await publisher.publishMany(keys.map((keyId) => keyCreated(accountId, keyId)));
    await waitFor(() => endpoints.every((hooks) => hooks.requests.length >= keys.length), {
      timeoutMs: 100_000,
      intervalMs: 500,
      message: "every message delivered",
    });
    // A receiver has the request a moment before the dispatcher records its attempt. An
    // attempt that outlived WEBHOOK_TIMEOUT_MS on a loaded machine is retried, as it should be:
    // what two dispatchers must never do is make the same attempt, or one nobody recorded.
    const counts = async () => {
      const { rows } = await sql.query<{
        total: string;
        attempts: string;
        numbered: string;
        succeeded: string;
      }>(
        `SELECT count(DISTINCT m.id) AS total, count(a.id) AS attempts,
                count(DISTINCT (a.message_id, a.number)) AS numbered,
                count(a.id) FILTER (WHERE a.succeeded) AS succeeded
         FROM messages m JOIN attempts a ON a.message_id = m.id WHERE m.account_id = $1`,
        [accountId],
      );
      return rows[0]!;
    };
    const recorded = await waitFor(
      async () => {
        const current = await counts();
        const received = endpoints.reduce((sum, hooks) => sum + hooks.requests.length, 0);
        return Number(current.succeeded) >= keys.length * 4 && Number(current.attempts) >= received
          ? current
          : undefined;
      },
      { timeoutMs: 30_000, message: "every attempt recorded" },
    );
    expect(recorded.total).toBe(String(keys.length * 4));
    expect(recorded.succeeded).toBe(String(keys.length * 4));
    expect(recorded.numbered).toBe(recorded.attempts);
    const received = endpoints.reduce((sum, hooks) => sum + hooks.requests.length, 0);
    expect(String(received)).toBe(recorded.attempts);
    for (const hooks of endpoints) {
      const ids = hooks.requests.map((request) => request.headers["webhook-id"]);
      expect(new Set(ids).size).toBe(keys.length);
    }
  });
});
