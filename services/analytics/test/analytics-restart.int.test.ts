import { randomUUID } from "node:crypto";
import { migratedScratchDatabase } from "@orrery/db/testing";
import { createKafka, EventPublisher, type NewEvent } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import {
  infra,
  type ScratchDatabase,
  type ServiceProcess,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

// An analytics process SIGKILLed while it ingests (a crash: no drain, offsets of handled
// batches maybe not committed), then started again on the same database and consumer group:
// every event is counted once, none twice, in every granularity.
const logger = createLogger({ service: "analytics-restart-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "analytics-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/gateway", logger });
const groupId = `analytics-restart-${randomUUID()}`;
let database: ScratchDatabase;
let pool: pg.Pool;
let analytics: ServiceProcess | undefined;

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_restart", new URL("..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await publisher.disconnect();
  await analytics?.stop();
  await pool?.end();
  await database?.drop();
});

const start = () =>
  startServiceProcess("analytics", {
    DATABASE_URL: database.url,
    USAGE_CONSUMER_GROUP: groupId,
    // Small fetches: many batches in flight when the process dies.
    USAGE_FETCH_MIN_BYTES: "1",
    USAGE_FETCH_MAX_WAIT_MS: "50",
  });

async function counted(accountIds: readonly string[], table: string): Promise<number> {
  const { rows } = await pool.query<{ requests: string | null }>(
    `SELECT sum(requests) AS requests FROM ${table} WHERE account_id = ANY($1)`,
    [accountIds],
  );
  return Number(rows[0]?.requests ?? 0);
}

it("counts every event exactly once across a SIGKILL during ingest", {
  timeout: 180_000,
}, async () => {
  // Several accounts, so the events spread over several partitions.
  const accounts = Array.from({ length: 6 }, () => `acc_${randomUUID().replaceAll("-", "")}`);
  const unique = 24_000;
  const events: NewEvent[] = [];
  for (let index = 0; index < unique; index += 1) {
    const accountId = accounts[index % accounts.length] as string;
    const event: NewEvent = {
      type: "orrery.usage.recorded",
      id: randomUUID(),
      accountId,
      data: {
        accountId,
        keyId: "key_restart",
        route: "POST /v1/charts",
        status: 200,
        latencyMs: 2,
      },
    };
    events.push(event);
    // One in ten delivered twice, as a producer retry would.
    if (index % 10 === 0) events.push(event);
  }
  analytics = await start();
  const publishing = (async () => {
    for (let offset = 0; offset < events.length; offset += 1_000) {
      await publisher.publishMany(events.slice(offset, offset + 1_000));
    }
  })();
  await waitFor(async () => (await counted(accounts, "usage_rollup_minute")) >= unique / 4, {
    timeoutMs: 60_000,
    intervalMs: 100,
    message: "a quarter counted before the crash",
  });
  await analytics.kill();
  const atCrash = await counted(accounts, "usage_rollup_minute");
  expect(atCrash).toBeLessThan(unique);
  await publishing;
  analytics = await start();
  await waitFor(async () => (await counted(accounts, "usage_rollup_minute")) >= unique, {
    timeoutMs: 90_000,
    intervalMs: 250,
    message: "every event counted after the restart",
  });
  // Redelivered batches have had their chance to be counted twice.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const table of ["usage_rollup_minute", "usage_rollup_hour", "usage_rollup_day"]) {
    expect(await counted(accounts, table)).toBe(unique);
  }
});
