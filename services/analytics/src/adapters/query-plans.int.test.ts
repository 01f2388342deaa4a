import { type PlanDatabase, seededPlanDatabase } from "@orrery/db/testing";
import { indexesUsed, relationsRead, sequentialScans } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partitionOf } from "../domain/partitions.js";
import { resolveUsageQuery } from "../domain/usage-query.js";
import { GRANULARITIES } from "../domain/usage-rollups.js";
import { FORGET_ENDED_SQL, FORGET_UNENDED_SQL } from "./postgres-batch-outcome-store.js";
import { KEY_USAGE_SQL } from "./postgres-key-usage-store.js";
import {
  CLAIM_EVENT_IDS_SQL,
  FORGET_EVENT_IDS_SQL,
  PostgresRollupStore,
} from "./postgres-rollup-store.js";
import { usageSeriesQuery } from "./postgres-usage-query-store.js";
import {
  FORGET_ATTEMPT_IDS_SQL,
  FORGET_WEBHOOK_HOURS_SQL,
  MOST_FAILING_SQL,
  WEBHOOK_TOTALS_SQL,
} from "./postgres-webhook-outcome-store.js";

// The hot reads' plans on rollups of a busy season: 40 accounts, 4 key/route/status
// combinations each, every hour of 60 days (230,400 hour rows in 3 monthly partitions), every day
// of 90 days and every minute of one day, and eight days of claimed event ids. Each read must reach its rows through the primary key of only
// the partitions its range touches.
let database: PlanDatabase;
const end = new Date("2026-12-01T00:00:00Z");
const DAY_MS = 86_400_000;

beforeAll(async () => {
  database = await seededPlanDatabase(
    "analytics_plans",
    new URL("../..", import.meta.url),
    async (sql, url) => {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const partitions = [];
      for (let at = end.getTime() - 95 * DAY_MS; at <= end.getTime(); at += DAY_MS) {
        for (const granularity of GRANULARITIES)
          partitions.push(partitionOf(granularity, new Date(at)));
      }
      await new PostgresRollupStore(pool).ensurePartitions(partitions);
      await pool.end();
      const combos = `(VALUES ('key_1', 'POST /v1/charts', 2, true), ('key_1', 'POST /v1/charts', 2, false),
                            ('key_2', 'GET /v1/keys', 4, false), ('key_2', 'POST /v1/readings', 5, false))
                    AS combo(key_id, route, status_class, cache_hit)`;
      const columns = `(bucket_start, account_id, key_id, route, status_class, cache_hit, requests,
                      errors_4xx, errors_5xx, rate_limited, bytes, quota_units, latency_sketch)`;
      const values = `'acc_' || account, combo.key_id, combo.route, combo.status_class, combo.cache_hit,
                    10, 1, 1, 0, 1000, 10, '{100,3,120,5,140,2}'`;
      await sql.query(
        `
      INSERT INTO usage_rollup_hour ${columns}
      SELECT $1::timestamptz - hour * interval '1 hour', ${values}
      FROM generate_series(1, 1440) AS hour, generate_series(1, 40) AS account, ${combos};
      INSERT INTO usage_rollup_day ${columns}
      SELECT $1::timestamptz - day * interval '1 day', ${values}
      FROM generate_series(1, 90) AS day, generate_series(1, 40) AS account, ${combos};
      INSERT INTO usage_rollup_minute ${columns}
      SELECT $1::timestamptz - minute * interval '1 minute', ${values}
      FROM generate_series(1, 1440) AS minute, generate_series(1, 40) AS account, ${combos};
      -- A year of batch outcomes, one every 5 minutes (105,120 rows), every 50th never ended.
      INSERT INTO batch_outcomes (batch_id, account_id, first_event_at, ended_at, status,
                                  succeeded_items, failed_items)
      SELECT 'batch_' || n, 'acc_' || (n % 40), $1::timestamptz - n * interval '5 minutes',
             CASE WHEN n % 50 = 0 THEN NULL ELSE $1::timestamptz - n * interval '5 minutes' + interval '2 minutes' END,
             CASE WHEN n % 50 = 0 THEN NULL ELSE 'completed' END, 100, 0
      FROM generate_series(1, 105120) AS n;
      -- Eight days of claimed ids, one every 2 seconds (345,600), claimed in time order.
      INSERT INTO usage_events_seen (event_key, claimed_at)
      SELECT md5('event_' || n)::uuid, $1::timestamptz - interval '8 days' + n * interval '2 seconds'
      FROM generate_series(1, 345600) AS n;
      -- A year of webhook hours for 40 accounts (350,400 rows), and 8 days of counted event ids.
      INSERT INTO webhook_outcomes (bucket_start, account_id, attempts, succeeded, failed, duration_ms)
      SELECT $1::timestamptz - hour * interval '1 hour', 'acc_' || account, 20, 19, 1, 2000
      FROM generate_series(1, 8760) AS hour, generate_series(1, 40) AS account;
      INSERT INTO webhook_attempts_seen (event_id, seen_at)
      SELECT 'event_' || n, $1::timestamptz - n * interval '2 seconds'
      FROM generate_series(1, 345600) AS n;
    `.replaceAll("$1::timestamptz", `'${end.toISOString()}'::timestamptz`),
      );
    },
  );
}, 180_000);

afterAll(() => database?.close());

const plan = (text: string, values: readonly unknown[] = []) => database.plan(text, values);

function series(overrides: Partial<Parameters<typeof resolveUsageQuery>[0]>) {
  return usageSeriesQuery(
    resolveUsageQuery(
      {
        accountId: "acc_7",
        from: new Date(end.getTime() - 30 * DAY_MS),
        to: end,
        granularity: "hour",
        groupBy: undefined,
        route: "",
        keyId: "",
        ...overrides,
      },
      end,
    ),
  );
}

describe("query plans", () => {
  it("reads 30 days of one account's hours along the primary key of the 2 months touched", async () => {
    // 16 Oct – 15 Nov: two monthly partitions of three.
    const query = series({
      from: new Date(end.getTime() - 45 * DAY_MS),
      to: new Date(end.getTime() - 15 * DAY_MS),
    });
    const nodes = await plan(query.text, query.values);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(
      new Set(["usage_rollup_hour_p202611_pkey", "usage_rollup_hour_p202610_pkey"]),
    );
    expect([...relationsRead(nodes)].sort()).toEqual([
      "usage_rollup_hour_p202610",
      "usage_rollup_hour_p202611",
    ]);
  });

  it("reads grouped and filtered series along the primary key", async () => {
    for (const query of [
      series({ groupBy: "route", keyId: "key_2" }),
      series({ granularity: "minute", from: new Date(end.getTime() - DAY_MS), groupBy: "status" }),
      series({
        granularity: "day",
        from: new Date(end.getTime() - 90 * DAY_MS),
        route: "GET /v1/keys",
      }),
    ]) {
      const nodes = await plan(query.text, query.values);
      expect(sequentialScans(nodes)).toEqual([]);
      expect([...indexesUsed(nodes)].every((name) => name.endsWith("_pkey"))).toBe(true);
      expect(indexesUsed(nodes).size).toBeGreaterThan(0);
    }
  });

  it("reads a key's daily usage along the day rollups' primary key", async () => {
    const nodes = await plan(KEY_USAGE_SQL, ["acc_3", "key_1", "2026-09-01", "2026-11-30"]);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(new Set(["usage_rollup_day_p2026_pkey"]));
  });

  it("removes batch outcomes past retention through the partial indexes, not a scan", async () => {
    // The hourly job's cutoff: about one hour of rows past it.
    const cutoff = new Date(end.getTime() - 364 * DAY_MS);
    const ended = await plan(FORGET_ENDED_SQL, [cutoff]);
    expect(sequentialScans(ended)).toEqual([]);
    expect(indexesUsed(ended)).toEqual(new Set(["batch_outcomes_ended_idx"]));
    const unended = await plan(FORGET_UNENDED_SQL, [cutoff]);
    expect(sequentialScans(unended)).toEqual([]);
    expect(indexesUsed(unended)).toEqual(new Set(["batch_outcomes_unended_idx"]));
  });

  it("claims event ids against the primary key of their uuids", async () => {
    const nodes = await plan(CLAIM_EVENT_IDS_SQL, [JSON.stringify(["event_1", "event_new"])]);
    expect(sequentialScans(nodes)).toEqual([]);
    const insert = nodes.find((node) => node["Node Type"] === "ModifyTable") as
      | { "Conflict Arbiter Indexes"?: string[] }
      | undefined;
    expect(insert?.["Conflict Arbiter Indexes"]).toEqual(["usage_events_seen_pkey"]);
  });

  it("forgets claimed ids past the window through the BRIN index of claimed_at, not a scan", async () => {
    // The hourly job's cutoff: about one hour of ids past it.
    const cutoff = new Date(end.getTime() - 8 * DAY_MS + 3_600_000);
    const nodes = await plan(FORGET_EVENT_IDS_SQL, [cutoff]);
    expect(sequentialScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(new Set(["usage_events_seen_claimed_at_idx"]));
  });
});

describe("webhook outcomes", () => {
  it("reads an overview's hours along the primary key", async () => {
    const from = new Date(end.getTime() - DAY_MS);
    for (const read of [
      await plan(WEBHOOK_TOTALS_SQL, [from, end]),
      await plan(MOST_FAILING_SQL, [from, end, 10]),
    ]) {
      expect(sequentialScans(read)).toEqual([]);
      expect(indexesUsed(read)).toEqual(new Set(["webhook_outcomes_pkey"]));
    }
  });

  it("removes hours past retention and old event ids through indexes, never a table scan", async () => {
    const hours = await plan(FORGET_WEBHOOK_HOURS_SQL, [new Date(end.getTime() - 360 * DAY_MS)]);
    expect(sequentialScans(hours)).toEqual([]);
    expect(indexesUsed(hours)).toEqual(new Set(["webhook_outcomes_pkey"]));
    const ids = await plan(FORGET_ATTEMPT_IDS_SQL, [new Date(end.getTime() - 7 * DAY_MS)]);
    expect(sequentialScans(ids)).toEqual([]);
    expect(indexesUsed(ids)).toEqual(new Set(["webhook_attempts_seen_seen_at_idx"]));
  });
});
