import { gatewayFetch as call, createTenant, stackEnvironment } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRollupStore } from "../src/adapters/postgres-rollup-store.js";
import { partitionOf } from "../src/domain/partitions.js";

// A large CSV export through the running stack: a tenant with 60 minutes × 50 routes of usage
// (3,000 records, written straight into its minute rollups) downloads it with format=csv. The
// gateway streams it: chunked, its headers before the body, the body over many reads, and every
// record there exactly once.
const MINUTES = 60;
const ROUTES = 50;
const MINUTE_MS = 60_000;
let pool: pg.Pool;
let key: string;
let from: Date;
let to: Date;

beforeAll(async () => {
  const tenant = await createTenant({ name: "usage export e2e", scopes: ["analytics:read"] });
  key = tenant.key;

  // The last whole minutes, in partitions that exist (the service makes today's and tomorrow's).
  to = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS);
  from = new Date(to.getTime() - MINUTES * MINUTE_MS);
  pool = new pg.Pool({ connectionString: stackEnvironment("analytics").DATABASE_URL, max: 2 });
  await new PostgresRollupStore(pool).ensurePartitions([
    partitionOf("minute", from),
    partitionOf("minute", to),
  ]);
  await pool.query(
    `INSERT INTO usage_rollup_minute (bucket_start, account_id, key_id, route, status_class,
       cache_hit, requests, errors_4xx, errors_5xx, rate_limited, bytes, quota_units, latency_sketch)
     SELECT $1::timestamptz + minute * interval '1 minute', $2, 'key_export',
            'GET /v1/export/' || lpad(route::text, 3, '0'), 2, false, 3, 0, 0, 0, 300, 3, '{100,3}'
     FROM generate_series(0, $3 - 1) AS minute, generate_series(1, $4) AS route`,
    [from, tenant.accountId, MINUTES, ROUTES],
  );
}, 60_000);

afterAll(async () => {
  await pool?.end();
});

describe("a large usage export", () => {
  it("streams chunked CSV, every record exactly once", async () => {
    const query = new URLSearchParams({
      from: from.toISOString(),
      to: to.toISOString(),
      granularity: "minute",
      groupBy: "route",
      format: "csv",
    });
    const response = await call("GET", `/v1/analytics/usage?${query}`, key);
    // fetch resolves on the headers: they were sent before the body was complete.
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads += 1;
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
    expect(reads).toBeGreaterThan(1);

    const records = text.split("\r\n");
    expect(records.at(-1)).toBe("");
    const header = (records[0] ?? "").split(",");
    expect(header.slice(0, 3)).toEqual(["start", "group", "requests"]);
    const rows = records.slice(1, -1).map((record) => record.split(","));
    expect(rows).toHaveLength(MINUTES * ROUTES);
    expect(new Set(rows.map((row) => `${row[0]} ${row[1]}`)).size).toBe(MINUTES * ROUTES);
    const requests = header.indexOf("requests");
    expect(rows.reduce((sum, row) => sum + Number(row[requests]), 0)).toBe(3 * MINUTES * ROUTES);
  });
});
