import { migratedScratchDatabase } from "@orrery/db/testing";
import type { DomainError } from "@orrery/errors";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresKeyUsageStore } from "./adapters/postgres-key-usage-store.js";
import { PostgresRollupStore } from "./adapters/postgres-rollup-store.js";
import {
  PostgresUsageOverviewStore,
  PostgresUsageQueryStore,
} from "./adapters/postgres-usage-query-store.js";
import { KeyUsage } from "./domain/key-usage.js";
import { LatencySketch } from "./domain/latency-sketch.js";
import { UsageIngest } from "./domain/usage-ingest.js";
import { UsageOverviews } from "./domain/usage-overview.js";
import { type UsageQueryInput, UsageReports } from "./domain/usage-query.js";
import type { UsageRecord } from "./domain/usage-rollups.js";

// The ingest and the per-key reads on a migrated database of this test's own.
const retention = { minute: 14, hour: 396, day: 1_827 };
let now = new Date("2026-11-28T12:00:00Z");
let database: ScratchDatabase;
let pool: pg.Pool;
let ingest: UsageIngest;
let keyUsage: KeyUsage;
let reports: UsageReports;

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_rollups", new URL("..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  ingest = new UsageIngest(new PostgresRollupStore(pool), retention, () => now, 8);
  keyUsage = new KeyUsage(new PostgresKeyUsageStore(pool), () => now);
  reports = new UsageReports(new PostgresUsageQueryStore(pool), () => now);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

let sequence = 0;
function event(overrides: Partial<UsageRecord> = {}): UsageRecord {
  sequence += 1;
  return {
    eventId: `event-${sequence}`,
    accountId: "acc_a",
    keyId: "key_1",
    route: "POST /v1/charts",
    at: new Date("2026-11-28T10:15:30Z"),
    status: 200,
    rateLimited: false,
    cacheHit: false,
    latencyMs: 2,
    bytes: 100,
    quotaUnits: 1,
    ...overrides,
  };
}

interface Totals {
  requests: string;
  errors_4xx: string;
  errors_5xx: string;
  rate_limited: string;
  bytes: string;
  quota_units: string;
}

async function totals(table: string, accountId: string): Promise<Totals> {
  const { rows } = await pool.query<Totals>(
    `SELECT sum(requests) AS requests, sum(errors_4xx) AS errors_4xx,
            sum(errors_5xx) AS errors_5xx, sum(rate_limited) AS rate_limited,
            sum(bytes) AS bytes, sum(quota_units) AS quota_units
     FROM ${table} WHERE account_id = $1`,
    [accountId],
  );
  return rows[0] as Totals;
}

async function storedSketch(table: string, accountId: string): Promise<LatencySketch> {
  const { rows } = await pool.query<{ latency_sketch: string[] }>(
    `SELECT latency_sketch FROM ${table} WHERE account_id = $1`,
    [accountId],
  );
  const sketch = new LatencySketch();
  for (const row of rows) sketch.mergePairs(row.latency_sketch);
  return sketch;
}

describe("usage ingest", () => {
  it("counts each event once: within a batch, across batches and after a redelivered batch", async () => {
    const batch = [event({ accountId: "acc_dup" }), event({ accountId: "acc_dup" })];
    const first = await ingest.ingest([...batch, batch[0] as UsageRecord]);
    expect(first).toEqual({ counted: 2, duplicates: 1, anonymous: 0 });
    expect(await ingest.ingest(batch)).toEqual({ counted: 0, duplicates: 2, anonymous: 0 });
    const third = event({ accountId: "acc_dup" });
    expect(await ingest.ingest([...batch, third, event({ accountId: "" })])).toEqual({
      counted: 1,
      duplicates: 2,
      anonymous: 1,
    });
    for (const table of ["usage_rollup_minute", "usage_rollup_hour", "usage_rollup_day"]) {
      expect((await totals(table, "acc_dup")).requests).toBe("3");
    }
  });

  it("adds requests, errors by class, refusals, bytes and quota units exactly", async () => {
    const account = "acc_counts";
    await ingest.ingest([
      event({ accountId: account, status: 200, cacheHit: true, bytes: 10 }),
      event({ accountId: account, status: 422, bytes: 20, quotaUnits: 0 }),
      event({ accountId: account, status: 429, rateLimited: true, bytes: 30, quotaUnits: 0 }),
      event({ accountId: account, status: 503, bytes: 40, quotaUnits: 0 }),
      event({ accountId: account, status: 201, bytes: 50, quotaUnits: 5 }),
    ]);
    expect(await totals("usage_rollup_minute", account)).toEqual({
      requests: "5",
      errors_4xx: "1",
      errors_5xx: "1",
      rate_limited: "1",
      bytes: "150",
      quota_units: "6",
    });
    const { rows } = await pool.query(
      `SELECT status_class, cache_hit, requests::int FROM usage_rollup_day
       WHERE account_id = $1 ORDER BY status_class, cache_hit`,
      [account],
    );
    expect(rows).toEqual([
      { status_class: 2, cache_hit: false, requests: 1 },
      { status_class: 2, cache_hit: true, requests: 1 },
      { status_class: 4, cache_hit: false, requests: 2 },
      { status_class: 5, cache_hit: false, requests: 1 },
    ]);
  });

  it("minute rollups sum exactly to hour and day rollups, and percentiles stay within 1 %", async () => {
    const account = "acc_spread";
    const latencies: number[] = [];
    let state = 17;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let batch = 0; batch < 20; batch += 1) {
      const records: UsageRecord[] = [];
      for (let index = 0; index < 500; index += 1) {
        const latencyMs = Math.exp(random() * 8 - 2);
        latencies.push(latencyMs);
        records.push(
          event({
            accountId: account,
            keyId: `key_${index % 3}`,
            route: index % 2 === 0 ? "POST /v1/charts" : "GET /v1/keys",
            // Spread over two days, many minutes and hours.
            at: new Date(Date.parse("2026-11-27T00:00:00Z") + random() * 48 * 3_600_000),
            status: index % 17 === 0 ? 500 : index % 13 === 0 ? 404 : 200,
            cacheHit: index % 4 === 0,
            latencyMs,
            bytes: index,
          }),
        );
      }
      await ingest.ingest(records);
    }
    const minute = await totals("usage_rollup_minute", account);
    expect(minute.requests).toBe("10000");
    expect(await totals("usage_rollup_hour", account)).toEqual(minute);
    expect(await totals("usage_rollup_day", account)).toEqual(minute);

    const sorted = [...latencies].sort((a, b) => a - b);
    for (const table of ["usage_rollup_minute", "usage_rollup_hour", "usage_rollup_day"]) {
      const sketch = await storedSketch(table, account);
      expect(sketch.count).toBe(10_000);
      for (const q of [0.5, 0.95, 0.99]) {
        const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
        const estimate = sketch.quantile(q) as number;
        expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.01);
      }
    }
  });

  it("merges stored sketches in SQL as the domain merges them", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const sketchOf = (size: number) => {
      const sketch = new LatencySketch();
      for (let index = 0; index < size; index += 1) sketch.add(0.05 + random() ** 3 * 60_000);
      return sketch;
    };
    for (const [left, right] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [3, 200],
      [500, 40],
      [2_000, 2_000],
    ] as const) {
      const a = sketchOf(left);
      const b = sketchOf(right);
      const { rows } = await pool.query<{ merged: string[] }>(
        "SELECT latency_sketch_merge($1::bigint[], $2::bigint[]) AS merged",
        [`{${a.toPairs().join(",")}}`, `{${b.toPairs().join(",")}}`],
      );
      const expected = new LatencySketch();
      expected.mergePairs(a.toPairs());
      expected.mergePairs(b.toPairs());
      expect(rows[0]?.merged.map(Number)).toEqual(expected.toPairs());
    }
    const { rows } = await pool.query<{ merged: string[] }>(
      "SELECT latency_sketch_merge(NULL, '{4,4}') AS merged",
    );
    expect(rows[0]?.merged.map(Number)).toEqual([4, 4]);
  });

  it("keeps partitions by period, creates the next ones ahead and drops those past retention", async () => {
    await ingest.ingest([
      event({ accountId: "acc_old", at: new Date("2026-11-20T08:00:00Z") }),
      // Older than minute retention (14 days): counted in hours and days only.
      event({ accountId: "acc_old", at: new Date("2026-11-01T08:00:00Z") }),
    ]);
    expect((await totals("usage_rollup_minute", "acc_old")).requests).toBe("1");
    expect((await totals("usage_rollup_hour", "acc_old")).requests).toBe("2");
    const partitions = async (parent: string) => {
      const { rows } = await pool.query<{ name: string }>(
        `SELECT child.relname AS name FROM pg_inherits
         JOIN pg_class parent ON parent.oid = inhparent JOIN pg_class child ON child.oid = inhrelid
         WHERE parent.relname = $1 ORDER BY 1`,
        [parent],
      );
      return rows.map((row) => row.name);
    };
    expect(await partitions("usage_rollup_minute")).toContain("usage_rollup_minute_p20261120");
    expect(await partitions("usage_rollup_minute")).not.toContain("usage_rollup_minute_p20261101");

    now = new Date("2026-12-06T00:30:00Z");
    const { dropped } = await ingest.maintain();
    expect(dropped).toBe(1);
    const minutes = await partitions("usage_rollup_minute");
    expect(minutes).not.toContain("usage_rollup_minute_p20261120");
    expect(minutes).toEqual(
      expect.arrayContaining(["usage_rollup_minute_p20261206", "usage_rollup_minute_p20261207"]),
    );
    expect(await partitions("usage_rollup_hour")).toEqual(
      expect.arrayContaining(["usage_rollup_hour_p202612", "usage_rollup_hour_p202701"]),
    );
    expect(await partitions("usage_rollup_day")).toEqual(
      expect.arrayContaining(["usage_rollup_day_p2026", "usage_rollup_day_p2027"]),
    );
    expect((await totals("usage_rollup_hour", "acc_old")).requests).toBe("2");
    now = new Date("2026-11-28T12:00:00Z");
  });
});

describe("per-key usage, read from the day rollups", () => {
  it("rolls up by UTC day and route, with errors, refusals, cache hits and bytes", async () => {
    const key = { accountId: "acc_keys", keyId: "key_roll" };
    await ingest.ingest([
      event({ ...key, cacheHit: true, bytes: 10 }),
      event({ ...key, status: 422, bytes: 20 }),
      event({ ...key, status: 429, rateLimited: true, bytes: 30 }),
      event({ ...key, route: "GET /v1/keys", bytes: 5 }),
      event({ ...key, at: new Date("2026-11-27T23:59:59Z"), bytes: 1 }),
      event({ ...key, keyId: "key_other" }),
      event({ ...key, accountId: "acc_other" }),
    ]);
    const buckets = await keyUsage.usage("acc_keys", "key_roll", "2026-11-27", "2026-11-28");
    expect(
      buckets.map((bucket) => [
        bucket.day,
        bucket.route,
        bucket.requests,
        bucket.errors,
        bucket.rateLimited,
        bucket.cacheHits,
        bucket.bytes,
      ]),
    ).toEqual([
      ["2026-11-27", "POST /v1/charts", 1n, 0n, 0n, 0n, 1n],
      ["2026-11-28", "GET /v1/keys", 1n, 0n, 0n, 0n, 5n],
      ["2026-11-28", "POST /v1/charts", 3n, 1n, 1n, 1n, 60n],
    ]);
    expect(await keyUsage.usage("acc_keys", "key_roll", "2026-11-28", "2026-11-28")).toHaveLength(
      2,
    );
    expect(await keyUsage.usage("acc_other", "key_other", "", "")).toEqual([]);
  });

  it("refuses bad and overlong ranges", async () => {
    const failure = (from: string, to: string) =>
      keyUsage.usage("acc_a", "key_1", from, to).then(
        () => undefined,
        (error: unknown) => error as DomainError,
      );
    expect((await failure("2026-01-01", "2026-11-28"))?.code).toBe("USAGE_RANGE_TOO_LONG");
    expect((await failure("2026-11-28", "2026-11-01"))?.code).toBe("USAGE_RANGE_TOO_LONG");
    expect((await failure("2026-02-30", ""))?.violations[0]?.field).toBe("fromDay");
    expect((await failure("yesterday", ""))?.code).toBe("VALIDATION_FAILED");
  });
});

describe("usage reports (QueryUsage), from the rollups", () => {
  const account = "acc_report";
  const latencies: number[] = [];
  beforeAll(async () => {
    const records: UsageRecord[] = [];
    for (let index = 0; index < 3_000; index += 1) {
      const latencyMs = 0.5 + ((index * 7919) % 1000) / 10;
      latencies.push(latencyMs);
      records.push(
        event({
          accountId: account,
          keyId: index % 3 === 0 ? "key_b" : "key_a",
          route: index % 5 === 0 ? "GET /v1/keys" : "POST /v1/charts",
          at: new Date(Date.parse("2026-11-28T00:00:00Z") + (index % 6) * 3_600_000 + index),
          status: index % 10 === 0 ? 404 : index % 25 === 1 ? 502 : 200,
          rateLimited: index % 50 === 7,
          cacheHit: index % 2 === 0,
          latencyMs,
          bytes: 10,
          quotaUnits: 1,
        }),
      );
    }
    await ingest.ingest(records);
    // Another tenant's traffic in the same hours must never show up.
    await ingest.ingest([
      event({ accountId: "acc_report_other", at: new Date("2026-11-28T01:00:00Z") }),
    ]);
  });

  const query = (overrides: Partial<UsageQueryInput> = {}) =>
    reports.query({
      accountId: account,
      from: new Date("2026-11-28T00:00:00Z"),
      to: new Date("2026-11-28T12:00:00Z"),
      granularity: "hour",
      groupBy: undefined,
      route: "",
      keyId: "",
      ...overrides,
    });

  it("gives an hourly series whose totals match, with percentiles within 1 % of exact", async () => {
    const report = await query();
    expect(report.series.map((point) => point.start.toISOString())).toEqual(
      [0, 1, 2, 3, 4, 5].map((hour) => `2026-11-28T0${hour}:00:00.000Z`),
    );
    expect(report.series.reduce((sum, point) => sum + point.metrics.requests, 0)).toBe(3_000);
    expect(report.totals).toMatchObject({ requests: 3_000, bytes: 30_000, quotaUnits: 3_000 });
    expect(report.totals.cacheHits).toBe(1_500);
    const sorted = [...latencies].sort((a, b) => a - b);
    for (const [q, value] of [
      [0.5, report.totals.p50Ms],
      [0.95, report.totals.p95Ms],
      [0.99, report.totals.p99Ms],
    ] as const) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
      expect(Math.abs((value as number) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    const day = await query({ granularity: "day", from: new Date("2026-11-28T00:00:00Z") });
    expect(day.series).toHaveLength(1);
    expect(day.totals).toEqual(report.totals);
  });

  it("groups by status class, key, route and cache outcome, and filters by route and key", async () => {
    const byStatus = await query({ groupBy: "status" });
    const statusTotals = new Map<string, number>();
    for (const point of byStatus.series) {
      statusTotals.set(point.group, (statusTotals.get(point.group) ?? 0) + point.metrics.requests);
    }
    expect(Object.fromEntries(statusTotals)).toEqual({ "2xx": 2_580, "4xx": 300, "5xx": 120 });
    const byKey = await query({ groupBy: "key", route: "GET /v1/keys" });
    expect(new Set(byKey.series.map((point) => point.group))).toEqual(new Set(["key_a", "key_b"]));
    expect(byKey.totals.requests).toBe(600);
    const oneKey = await query({ keyId: "key_b", route: "GET /v1/keys" });
    expect(oneKey.totals.requests).toBe(200);
    const byCache = await query({ groupBy: "cache", granularity: "day" });
    expect(byCache.series.map((point) => [point.group, point.metrics.requests])).toEqual([
      ["hit", 1_500],
      ["miss", 1_500],
    ]);
  });

  it("ranks accounts and routes across tenants for operators, totals over every account", async () => {
    const overviews = new UsageOverviews(new PostgresUsageOverviewStore(pool), () => now);
    const range = { from: new Date("2026-11-28T00:00:00Z"), to: new Date("2026-11-28T12:00:00Z") };
    const overview = await overviews.overview({ ...range, limit: 2 });
    expect(overview.topAccounts).toHaveLength(2);
    expect(overview.topAccounts[0]).toMatchObject({ name: account, metrics: { requests: 3_000 } });
    const { rows } = await pool.query<{ requests: string }>(
      "SELECT sum(requests) AS requests FROM usage_rollup_hour WHERE bucket_start >= $1 AND bucket_start < $2",
      [range.from, range.to],
    );
    expect(overview.totals.requests).toBe(Number(rows[0]?.requests));
    expect(overview.topRoutes[0]?.name).toBe("POST /v1/charts");
    expect(overview.totals.p99Ms).toBeGreaterThan(overview.totals.p50Ms as number);
    const tooLong = await overviews
      .overview({ from: new Date("2026-01-01T00:00:00Z"), to: range.to, limit: 0 })
      .catch((error: unknown) => error as DomainError);
    expect(tooLong).toMatchObject({ code: "USAGE_QUERY_TOO_LARGE" });
  });

  it("keeps tenants apart and refuses a range with too many buckets", async () => {
    const other = await query({ accountId: "acc_report_other" });
    expect(other.totals.requests).toBe(1);
    const failure = await query({
      granularity: "minute",
      from: new Date("2026-11-20T00:00:00Z"),
    }).catch((error: unknown) => error as DomainError);
    expect(failure).toMatchObject({ code: "USAGE_QUERY_TOO_LARGE", metadata: { limit: "2208" } });
    const backwards = await query({ to: new Date("2026-11-27T00:00:00Z") }).catch(
      (error: unknown) => error as DomainError,
    );
    expect(backwards).toMatchObject({ code: "INVALID_RANGE" });
    const farOff = await query({ from: undefined, to: new Date("9999-12-31T23:59:59Z") }).catch(
      (error: unknown) => error as DomainError,
    );
    expect(farOff).toMatchObject({ code: "INVALID_RANGE" });
  });
});
