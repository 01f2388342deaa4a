import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { createKafka, EventPublisher } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import { infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import autocannon from "autocannon";
import pg from "pg";
import {
  type DispatcherProcess,
  startDispatcher,
  webhookDatabase,
} from "../test/support/dispatcher-process.js";

// webhook-dispatcher's delivery benchmark: a dispatcher process as the stack runs it (its own
// database), account events produced to Kafka, partner receivers on loopback in this process.
// Every row is measured in this run, beside its baseline.

const logger = createLogger({ service: "webhook-bench", level: "silent" });
const publisher = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "webhook-bench", logger }),
  source: "/orrery/webhook-bench",
  logger,
});

type Behaviour = "healthy" | "slow" | "failing";

/** A partner's server; healthy ones record each delivery's enqueue → arrival latency. */
class BenchReceiver {
  readonly latencies: number[] = [];
  received = 0;
  private server: Server | undefined;

  constructor(private readonly behaviour: Behaviour) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (address === undefined) throw new Error("receiver not started");
    return `http://127.0.0.1:${address.port}/hooks`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.received += 1;
        if (this.behaviour === "slow") {
          setTimeout(() => response.writeHead(200).end(), 5_000);
          return;
        }
        if (this.behaviour === "failing") {
          response.writeHead(500).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: { name: string } };
        const sentAt = Number(body.data.name);
        if (Number.isFinite(sentAt)) this.latencies.push(Date.now() - sentAt);
        response.writeHead(204).end();
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

let accountSeq = 0;
async function account(
  dispatcher: DispatcherProcess,
  receivers: readonly BenchReceiver[],
): Promise<string> {
  accountSeq += 1;
  const accountId = `acc_bench${Date.now().toString(36)}${accountSeq}`;
  for (const receiver of receivers) {
    await dispatcher.client.createEndpoint({ accountId, url: receiver.url, maxEndpoints: 100 });
  }
  return accountId;
}

function keyCreated(accountId: string, index: number) {
  return {
    type: "orrery.key.created" as const,
    accountId,
    data: { accountId, keyId: `key_bench${index}`, name: String(Date.now()), scopes: [] },
  };
}

/** Publishes `perSecond` events for `seconds`, to the accounts in turn, each stamped when sent. */
async function publishAtRate(accounts: readonly string[], perSecond: number, seconds: number) {
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  const started = Date.now();
  let index = 0;
  while (Date.now() - started < seconds * 1000) {
    const tickStart = Date.now();
    await publisher.publishMany(
      Array.from({ length: perTick }, () => {
        index += 1;
        return keyCreated(accounts[index % accounts.length] as string, index);
      }),
    );
    await sleep(Math.max(0, tickMs - (Date.now() - tickStart)));
  }
  return index;
}

async function receiverCapacity(receiver: BenchReceiver) {
  const body = JSON.stringify({ type: "key.created", timestamp: "", data: { name: "x" } });
  const result = await autocannon({
    url: receiver.url,
    method: "POST",
    connections: 50,
    duration: 5,
    headers: { "content-type": "application/json" },
    body,
  });
  return result.requests.average;
}

/**
 * Runs `use` with a client of the bench database and ends the client whatever happens: a failed
 * measurement reports its own error (its queries reject), not a crash when the database is dropped.
 */
async function withBenchClient<T>(
  database: ScratchDatabase,
  use: (sql: pg.Client) => Promise<T>,
): Promise<T> {
  const sql = new pg.Client({ connectionString: database.url });
  sql.on("error", () => {});
  await sql.connect();
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}

const throughput = (database: ScratchDatabase, dispatcher: DispatcherProcess) =>
  withBenchClient(database, (sql) => measureThroughput(sql, dispatcher));

async function measureThroughput(sql: pg.Client, dispatcher: DispatcherProcess) {
  const receivers = await Promise.all(
    Array.from({ length: 20 }, () => new BenchReceiver("healthy").start()),
  );
  const accounts: string[] = [];
  for (let group = 0; group < 4; group += 1) {
    accounts.push(await account(dispatcher, receivers.slice(group * 5, group * 5 + 5)));
  }
  const eventsPerAccount = 1_000;
  const total = eventsPerAccount * accounts.length * 5;
  const events = accounts.flatMap((accountId) =>
    Array.from({ length: eventsPerAccount }, (_, index) => keyCreated(accountId, index)),
  );
  for (let offset = 0; offset < events.length; offset += 500) {
    await publisher.publishMany(events.slice(offset, offset + 500));
  }
  const recorded = async () =>
    Number((await sql.query<{ count: string }>("SELECT count(*) FROM attempts")).rows[0]?.count);
  await waitFor(async () => (await recorded()) >= total, {
    timeoutMs: 300_000,
    intervalMs: 100,
    message: "every delivery recorded",
  });
  const { rows } = await sql.query<{ seconds: number }>(
    "SELECT extract(epoch FROM now() - min(started_at))::float AS seconds FROM attempts",
  );
  const capacity = await receiverCapacity(receivers[0] as BenchReceiver);
  for (const receiver of receivers) await receiver.stop();
  return { total, perSecond: total / (rows[0]?.seconds ?? Number.NaN), capacity };
}

/**
 * Where the time went, from the database's own clocks: Kafka → message recorded (the consumer),
 * and recorded → first attempt started (the scheduler), p99 of each over the account's messages.
 */
const breakdown = (
  database: ScratchDatabase,
  accountIds: readonly string[],
  endpointUrls: readonly string[],
) => withBenchClient(database, (sql) => breakdownQuery(sql, accountIds, endpointUrls));

async function breakdownQuery(
  sql: pg.Client,
  accountIds: readonly string[],
  endpointUrls: readonly string[],
) {
  const { rows } = await sql.query<{ consumed: number; scheduled: number }>(
    `SELECT
       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM m.created_at) * 1000
         - (convert_from(e.payload, 'UTF8')::jsonb -> 'data' ->> 'name')::bigint) AS consumed,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - m.created_at) * 1000) AS scheduled
     FROM messages m JOIN events e ON e.id = m.event_id
     JOIN endpoints p ON p.id = m.endpoint_id
     JOIN attempts a ON a.message_id = m.id AND a.number = 1
     WHERE m.account_id = ANY ($1::text[]) AND p.url = ANY ($2::text[])`,
    [accountIds, endpointUrls],
  );
  return rows[0] ?? { consumed: Number.NaN, scheduled: Number.NaN };
}

/** One round: healthy endpoints' enqueue → delivery latencies, with `bad` endpoints beside them. */
async function latencyRound(
  dispatcher: DispatcherProcess,
  bad: readonly Behaviour[],
  perSecond: number,
  seconds: number,
) {
  const healthy = await Promise.all(
    Array.from({ length: 4 }, () => new BenchReceiver("healthy").start()),
  );
  const others = await Promise.all(bad.map((behaviour) => new BenchReceiver(behaviour).start()));
  const accountId = await account(dispatcher, [...healthy, ...others]);
  await sleep(1_000);
  const sent = await publishAtRate([accountId], perSecond, seconds);
  await waitFor(() => healthy.every((receiver) => receiver.received >= sent), {
    timeoutMs: 60_000,
    intervalMs: 100,
    message: "healthy deliveries",
  });
  const healthyUrls = healthy.map((receiver) => receiver.url);
  for (const receiver of [...healthy, ...others]) await receiver.stop();
  return {
    accountId,
    healthyUrls,
    latencies: healthy.flatMap((receiver) => receiver.latencies),
    badRequests: others.map((receiver) => receiver.received),
  };
}

type Round = Awaited<ReturnType<typeof latencyRound>>;

async function summary(database: ScratchDatabase, rounds: readonly Round[]) {
  const latencies = rounds.flatMap((round) => round.latencies);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    count: latencies.length,
    badRequests: rounds
      .map((round) => round.badRequests)
      .reduce((total, counts) => total.map((count, index) => count + (counts[index] ?? 0))),
    parts: await breakdown(
      database,
      rounds.map((round) => round.accountId),
      rounds.flatMap((round) => round.healthyUrls),
    ),
  };
}

const verdict = (met: boolean, gap: string) => (met ? "met" : `not met: ${gap}`);

async function main() {
  const loadBefore = loadavg()[0]?.toFixed(1);
  const database = await webhookDatabase("webhook_bench");
  const dispatcher = await startDispatcher(database, { LOG_LEVEL: "warn" });
  try {
    const rate = process.argv.includes("--latency-only")
      ? { total: 0, perSecond: Number.NaN, capacity: Number.NaN }
      : await throughput(database, dispatcher);
    // Rounds alternate, so a change in what else runs on the machine falls on both rows alike.
    const calmRounds: Round[] = [];
    const stormyRounds: Round[] = [];
    for (let round = 0; round < 3; round += 1) {
      calmRounds.push(await latencyRound(dispatcher, [], 50, 8));
      stormyRounds.push(await latencyRound(dispatcher, ["slow", "failing"], 50, 8));
    }
    const calm = await summary(database, calmRounds);
    const stormy = await summary(database, stormyRounds);
    const ratio = stormy.p99 / calm.p99;
    const fmt = (value: number) => Math.round(value).toLocaleString("en-US");
    console.log(
      [
        "",
        `webhook-dispatcher: one dispatcher process, Postgres, Kafka and the receivers on this machine (load average ${loadBefore} before, ${loadavg()[0]?.toFixed(1)} after)`,
        "",
        "| measurement | result | baseline in the same run | target |",
        "| --- | ---: | ---: | --- |",
        `| deliveries/s, 20 endpoints, ${fmt(rate.total)} deliveries, each attempt recorded in Postgres | ${fmt(rate.perSecond)}/s | a receiver's raw HTTP capacity (autocannon, 50 connections): ${fmt(rate.capacity)} req/s | ≥ 1,000/s: ${verdict(rate.perSecond >= 1_000, `${fmt(rate.perSecond)}/s`)} |`,
        `| enqueue (Kafka) → first attempt, 4 endpoints × 50 events/s, 3 rounds of 8 s, ${fmt(calm.count)} deliveries | p50 ${fmt(calm.p50)} ms, p99 ${fmt(calm.p99)} ms (p99 Kafka → recorded ${fmt(calm.parts.consumed)} ms, recorded → attempt ${fmt(calm.parts.scheduled)} ms) | — | p99 < 1 s: ${verdict(calm.p99 < 1_000, `${fmt(calm.p99)} ms`)} |`,
        `| the same with an endpoint answering after 5 s and one always 500 beside them | p50 ${fmt(stormy.p50)} ms, p99 ${fmt(stormy.p99)} ms (p99 Kafka → recorded ${fmt(stormy.parts.consumed)} ms, recorded → attempt ${fmt(stormy.parts.scheduled)} ms; ${stormy.badRequests.join(" / ")} requests to the slow / failing one) | p99 without them: ${fmt(calm.p99)} ms (× ${ratio.toFixed(2)}) | within 10 %: ${verdict(ratio <= 1.1, `× ${ratio.toFixed(2)}`)} |`,
        "",
      ].join("\n"),
    );
  } finally {
    await publisher.disconnect();
    await dispatcher.stop();
    await database.drop();
  }
}

await main();
