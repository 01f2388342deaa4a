import { createTenant, gatewayFetch, stackAdminKey, waitFor } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";

// Traffic through the running stack's gateway with a real key, then the account's usage from
// GET /v1/analytics/usage: the counts are the requests the gateway answered, by status and
// cache outcome, in JSON and CSV, and no other tenant sees them.
const CHART = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
};
const CHARTS = "POST /v1/charts";
let admin: string;

function tenant(name: string) {
  return createTenant({
    admin,
    name,
    scopes: ["charts:read", "analytics:read"],
    environment: "live",
    overrides: { burstPerSecond: 10_000, requestsPerMinute: 100_000 },
  });
}

/** A request with the key; `accept` given sets the Accept header. */
const call = (method: string, path: string, key: string, body?: unknown, headers = {}) =>
  gatewayFetch(method, path, key, body, { headers });

interface Usage {
  granularity: string;
  series: { start: string; group?: string; requests: number; errors4xx: number }[];
  totals: {
    requests: number;
    errors4xx: number;
    errors5xx: number;
    cacheHits: number;
    quotaUnits: number;
    p50?: number;
    p99?: number;
  };
}

const since = new Date(Date.now() - 60 * 60 * 1000).toISOString();
const usagePath = (extra = "") =>
  `/v1/analytics/usage?from=${since}&granularity=minute&route=${encodeURIComponent(CHARTS)}${extra}`;

describe("GET /v1/analytics/usage through the stack", () => {
  let owner: { key: string; keyId: string };
  const sent = { ok: 0, invalid: 0, hits: 0 };

  beforeAll(async () => {
    admin = await stackAdminKey();
    owner = await tenant("analytics e2e");
    for (let index = 0; index < 30; index += 1) {
      const response = await call("POST", "/v1/charts", owner.key, CHART);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      sent.ok += 1;
      if (response.headers.get("cache-status")?.includes("; hit") === true) sent.hits += 1;
    }
    for (let index = 0; index < 4; index += 1) {
      const response = await call("POST", "/v1/charts", owner.key, { ...CHART, latitude: 123 });
      await response.arrayBuffer();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      sent.invalid += 1;
    }
  });

  it("counts every answered request once, by status class and cache outcome", async () => {
    const usage = await waitFor(
      async () => {
        const response = await call("GET", usagePath(), owner.key);
        const body = (await response.json()) as Usage;
        return body.totals.requests >= sent.ok + sent.invalid ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "usage counted" },
    );
    expect(usage.granularity).toBe("minute");
    expect(usage.totals).toMatchObject({
      requests: sent.ok + sent.invalid,
      errors4xx: sent.invalid,
      errors5xx: 0,
      cacheHits: sent.hits,
      quotaUnits: sent.ok,
    });
    expect(usage.totals.p50).toBeGreaterThan(0);
    expect(usage.totals.p99).toBeGreaterThanOrEqual(usage.totals.p50 as number);
    expect(usage.series.reduce((sum, point) => sum + point.requests, 0)).toBe(
      usage.totals.requests,
    );

    const byStatus = (await (
      await call("GET", usagePath("&groupBy=status"), owner.key)
    ).json()) as Usage;
    const perClass = new Map<string, number>();
    for (const point of byStatus.series) {
      perClass.set(point.group ?? "", (perClass.get(point.group ?? "") ?? 0) + point.requests);
    }
    expect(Object.fromEntries(perClass)).toEqual({ "2xx": sent.ok, "4xx": sent.invalid });

    const byKey = (await (await call("GET", usagePath("&groupBy=key"), owner.key)).json()) as Usage;
    expect(new Set(byKey.series.map((point) => point.group))).toEqual(new Set([owner.keyId]));
  });

  it("exports the same series as RFC 4180 CSV, by format=csv or Accept: text/csv", async () => {
    const viaFormat = await call("GET", usagePath("&format=csv"), owner.key);
    expect(viaFormat.status).toBe(200);
    expect(viaFormat.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(viaFormat.headers.get("content-disposition")).toMatch(/^attachment; filename="usage-/);
    const text = await viaFormat.text();
    const records = text.split("\r\n");
    expect(records.at(-1)).toBe("");
    const header = (records[0] ?? "").split(",");
    expect(header.slice(0, 3)).toEqual(["start", "group", "requests"]);
    const requests = records
      .slice(1, -1)
      .reduce((sum, record) => sum + Number(record.split(",")[header.indexOf("requests")]), 0);
    expect(requests).toBe(sent.ok + sent.invalid);

    const viaAccept = await call("GET", usagePath(), owner.key, undefined, { accept: "text/csv" });
    expect(viaAccept.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await viaAccept.text()).toBe(text);
  });

  it("gives admin keys the overview across accounts, and tenants a 403 for it", async () => {
    const path = `/v1/analytics/overview?from=${since}&limit=100`;
    const overview = (await (await call("GET", path, admin)).json()) as {
      totals: { requests: number };
      topAccounts: { name: string; requests: number }[];
      topRoutes: { name: string; requests: number; errors4xx: number }[];
    };
    expect(overview.totals.requests).toBeGreaterThanOrEqual(sent.ok + sent.invalid);
    const charts = overview.topRoutes.find((route) => route.name === CHARTS);
    expect(charts?.requests).toBeGreaterThanOrEqual(sent.ok + sent.invalid);
    expect(charts?.errors4xx).toBeGreaterThanOrEqual(sent.invalid);
    expect((await call("GET", path, owner.key)).status).toBe(403);
  });

  it("shows another tenant none of it, and names a query that is too large", async () => {
    const stranger = await tenant("analytics e2e stranger");
    const theirs = (await (await call("GET", usagePath(), stranger.key)).json()) as Usage;
    expect(theirs.totals.requests).toBe(0);
    expect(theirs.series).toEqual([]);

    const tooLarge = await call(
      "GET",
      `/v1/analytics/usage?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&granularity=minute`,
      owner.key,
    );
    expect(tooLarge.status).toBe(422);
    const problem = (await tooLarge.json()) as { type: string };
    expect(problem.type).toMatch(/usage-query-too-large$/);
  });
});
