import { randomUUID } from "node:crypto";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { resolveUsageQuery } from "@orrery/analytics/usage-query";
import { usageSeriesQuery } from "@orrery/analytics/usage-query-sql";
import { migratedScratchDatabase } from "@orrery/db/testing";
import {
  createKafka,
  type EncodedEvent,
  EventPublisher,
  encodeEvent,
  ensureTopics,
} from "@orrery/events";
import { AnalyticsService, Granularity } from "@orrery/proto/analytics/v1/analytics";
import { createRpcClient } from "@orrery/rpc";
import { createLogger } from "@orrery/telemetry";
import { infra, startServiceProcess, waitFor } from "@orrery/testing";
import pg from "pg";

// analytics' ingest benchmark: 1,000,000 synthetic usage events (plus 10 % sent twice) through
// Kafka on a topic of the bench's own, counted by an analytics process as the stack runs it (its
// own scratch database and consumer group). Rows: a bare kafkajs consumer reading the same topic
// (the baseline), the ingest, and the queries; then the accuracy checks against exact values
// computed here from the raw events. Every number is measured in this run.
//
//   pnpm --filter @orrery/analytics bench          (BENCH_EVENTS=200000 for a shorter run)

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DUPLICATE_EVERY = 10;
const ACCOUNTS = 50;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const logger = createLogger({ service: "analytics-bench", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "analytics-bench", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/gateway", logger });
const topic = `analytics-bench-${Date.now()}`;
const ROUTES = ["POST /v1/charts", "POST /v1/readings", "POST /v1/synastry", "GET /v1/places"];

// mulberry32: a small seeded generator, so every run sends the same events.
let state = 42;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const rows: string[][] = [["measurement", "value", "target / baseline"]];
const row = (name: string, value: string, note = "") => {
  rows.push([name, value, note]);
  console.error(`${name}: ${value} ${note}`);
};

const end = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
const start = new Date(end.getTime() - 30 * DAY_MS);

// Exact values from the raw events, to hold the rollups against.
const exact = {
  requests: new Array<number>(ACCOUNTS).fill(0),
  latencies: Array.from({ length: ACCOUNTS }, () => [] as number[]),
};

function makeEvents(): EncodedEvent[][] {
  const chunks: EncodedEvent[][] = [];
  let chunk: EncodedEvent[] = [];
  for (let index = 0; index < EVENTS; index += 1) {
    const account = Math.floor(random() * ACCOUNTS);
    const accountId = `acc_bench_${account}`;
    const cacheHit = random() < 0.7;
    const latencyMs = cacheHit ? 0.3 + random() * 2 : Math.exp(random() * 5);
    const status = random() < 0.03 ? 422 : random() < 0.005 ? 503 : 200;
    const event = {
      ...encodeEvent(
        {
          type: "orrery.usage.recorded",
          id: randomUUID(),
          accountId,
          // In production order, as 30 days of traffic replayed: a batch covers a short span.
          time: new Date(start.getTime() + ((index + random()) / EVENTS) * 30 * DAY_MS),
          data: {
            requestId: `req_${index}`,
            accountId,
            keyId: `key_${account}_${index % 3}`,
            route: ROUTES[index % ROUTES.length] as string,
            status,
            latencyMs,
            responseBytes: BigInt(500 + (index % 2000)),
            cacheHit,
            cost: status === 200 ? 1 : 0,
          },
        },
        publisher.source,
      ),
      topic,
    };
    exact.requests[account] = (exact.requests[account] ?? 0) + 1;
    exact.latencies[account]?.push(latencyMs);
    chunk.push(event);
    if (index % DUPLICATE_EVERY === 0) chunk.push(event);
    if (chunk.length >= 2_000) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

async function consumerLag(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let lag = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("events_consumer_lag{")) lag += Number(line.split(" ").at(-1));
  }
  return lag;
}

async function bareConsumerRate(total: number): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `analytics-bench-bare-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (first === 0) first = performance.now();
      seen += batch.messages.length;
      if (seen >= total) done();
    },
  });
  await finished;
  const seconds = (performance.now() - first) / 1000;
  await consumer.disconnect();
  return total / seconds;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  await ensureTopics(kafka, [{ topic, partitions: 12, retentionMs: DAY_MS }]);
  const database = await migratedScratchDatabase(
    "analytics_bench",
    new URL("../..", import.meta.url),
  );
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const generated = performance.now();
  const chunks = makeEvents();
  const sent = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  console.error(`generated ${sent} events in ${Math.round(performance.now() - generated)} ms`);

  // The backlog first (analytics is not running yet): the produce rate alone, then the ingest
  // rate as analytics drains it, with the lag sampled meanwhile.
  const began = performance.now();
  for (const chunk of chunks) await publisher.sendEncoded(chunk);
  const produced = performance.now();
  const analytics = await startServiceProcess("analytics", {
    DATABASE_URL: database.url,
    USAGE_CONSUMER_GROUP: `analytics-bench-${randomUUID()}`,
    USAGE_TOPIC: topic,
    ROLLUP_RETENTION_MINUTE_DAYS: "32",
    LOG_LEVEL: "warn",
    // The ingest's settings under trial (USAGE_MERGE_MAX_EVENTS=…), the topic and group aside.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          /^USAGE_(FETCH|MERGE|PARTITIONS)_/.test(entry[0]) && entry[1] !== undefined,
      ),
    ),
  });
  const counted = async () => {
    const { rows: result } = await pool.query<{ requests: string | null }>(
      "SELECT sum(requests) AS requests FROM usage_rollup_day",
    );
    return Number(result[0]?.requests ?? 0);
  };
  try {
    let peakLag = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakLag = Math.max(peakLag, await consumerLag(analytics.url).catch(() => 0));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const firstCounted = await waitFor(
      async () => ((await counted()) > 0 ? performance.now() : undefined),
      { timeoutMs: 120_000, intervalMs: 50, message: "first batch counted" },
    );
    await waitFor(async () => (await counted()) >= EVENTS, {
      timeoutMs: 30 * 60_000,
      intervalMs: 200,
      message: "every event counted",
    });
    const ingested = performance.now();
    sampling = false;
    await sampler;
    const bare = await bareConsumerRate(sent);
    row("events sent (10 % twice)", String(sent));
    row(
      "produce rate (this process, before analytics runs)",
      `${Math.round(sent / ((produced - began) / 1000))} events/s`,
    );
    row(
      "ingest rate, first batch → all counted",
      `${Math.round(sent / ((ingested - firstCounted) / 1000))} events/s`,
      `target ≥ 30,000; bare kafkajs consumer of the topic: ${Math.round(bare)} events/s`,
    );
    row(
      "peak consumer lag (events_consumer_lag, 250 ms samples)",
      String(peakLag),
      "the whole backlog waits when analytics starts",
    );

    // Queries: one account's 30 days at hour granularity, the per-key daily read as baseline.
    const client = createRpcClient(AnalyticsService, {
      target: `127.0.0.1:${analytics.grpcPort}`,
      defaultTimeoutMs: 10_000,
    });
    const time = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let run = 0; run < 21; run += 1) {
        const began = performance.now();
        await work();
        samples.push(performance.now() - began);
      }
      return median(samples);
    };
    const hourQuery = () =>
      client.queryUsage({
        accountId: "acc_bench_7",
        from: timestampFromDate(start),
        to: timestampFromDate(end),
        granularity: Granularity.HOUR,
      });
    const hourMs = await time(hourQuery);
    const keyMs = await time(() =>
      client.getKeyUsage({ accountId: "acc_bench_7", keyId: "key_7_1" }),
    );
    const report = await hourQuery();
    // The same query's SQL alone, as Postgres executes it (the rest is merging sketches and gRPC).
    const sql = usageSeriesQuery(
      resolveUsageQuery(
        {
          accountId: "acc_bench_7",
          from: start,
          to: end,
          granularity: "hour",
          groupBy: undefined,
          route: "",
          keyId: "",
        },
        new Date(),
      ),
    );
    const sqlMs = await time(() => pool.query(sql.text, sql.values));
    const { rows: sqlRows } = await pool.query(sql.text, sql.values);
    row(
      "30-day hour query (QueryUsage, gRPC, median of 21)",
      `${hourMs.toFixed(1)} ms`,
      `target < 100 ms; GetKeyUsage 30 days: ${keyMs.toFixed(1)} ms; ${report.series.length} buckets`,
    );
    row(
      "  of which its SQL alone (pg round trip from here, median of 21)",
      `${sqlMs.toFixed(1)} ms`,
      `${sqlRows.length} rows`,
    );

    // Accuracy: exact counts, minute = hour = day, percentiles against exact ones.
    const perTable = async (table: string) => {
      const { rows: result } = await pool.query<{ account_id: string; requests: string }>(
        `SELECT account_id, sum(requests) AS requests FROM ${table} GROUP BY 1`,
      );
      return new Map(result.map((entry) => [entry.account_id, Number(entry.requests)]));
    };
    const [minutes, hours, days] = await Promise.all(
      ["usage_rollup_minute", "usage_rollup_hour", "usage_rollup_day"].map(perTable),
    );
    let countsExact = true;
    let rollupsAgree = true;
    for (let account = 0; account < ACCOUNTS; account += 1) {
      const id = `acc_bench_${account}`;
      if (days?.get(id) !== exact.requests[account]) countsExact = false;
      if (minutes?.get(id) !== hours?.get(id) || hours?.get(id) !== days?.get(id))
        rollupsAgree = false;
    }
    row("counts equal the unique events, per account", countsExact ? "yes" : "NO");
    row("minute rollups sum to hour and day rollups", rollupsAgree ? "yes" : "NO");
    let worst = 0;
    for (const account of [0, 7, 31]) {
      const report = await client.queryUsage({
        accountId: `acc_bench_${account}`,
        from: timestampFromDate(start),
        to: timestampFromDate(end),
        granularity: Granularity.DAY,
      });
      const sorted = [...(exact.latencies[account] ?? [])].sort((a, b) => a - b);
      for (const [q, value] of [
        [0.5, report.totals?.p50Ms],
        [0.95, report.totals?.p95Ms],
        [0.99, report.totals?.p99Ms],
      ] as const) {
        const truth = sorted[Math.floor(q * (sorted.length - 1))] as number;
        worst = Math.max(worst, Math.abs((value ?? Number.NaN) - truth) / truth);
      }
    }
    row(
      "worst p50/p95/p99 relative error (3 accounts)",
      `${(worst * 100).toFixed(3)} %`,
      "target ≤ 1 %",
    );
    client.close();
  } finally {
    await analytics.stop();
    await publisher.disconnect();
    await pool.end();
    await database.drop();
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length))) ??
    [];
  for (const [index, cells] of rows.entries()) {
    console.log(`| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`);
    if (index === 0) console.log(`| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`);
  }
}

await main();
