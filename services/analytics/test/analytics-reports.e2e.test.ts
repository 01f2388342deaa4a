import { gatewayFetch as call, createTenant, infra, stackAdminKey, waitFor } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";

// Saved usage reports through the running stack's gateway: create within the plan's limit,
// list by pages, get, delete; another account's id answers 404 as an unknown one does.
const gateway = infra.gatewayUrl;
let admin: string;

async function tenant(name: string, scopes: string[]): Promise<string> {
  return (await tenantWithKeyId(name, scopes)).key;
}

function tenantWithKeyId(name: string, scopes: string[]) {
  return createTenant({
    admin,
    name,
    scopes,
    environment: "live",
    overrides: { burstPerSecond: 10_000, requestsPerMinute: 100_000, savedReports: 2 },
  });
}

interface Report {
  id: string;
  name: string;
  metrics: string[];
  range: unknown;
  schedule?: { every: string; at: string };
  nextRunAt?: string;
}

const DAILY = {
  name: "  Daily errors by route ",
  metrics: ["requests", "errors", "p95"],
  groupBy: "route",
  range: "last_24h",
  granularity: "hour",
  schedule: { every: "day", at: "06:00" },
};
const FIXED = {
  name: "November",
  range: { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" },
  granularity: "day",
};

describe("saved usage reports through the stack", () => {
  let owner: string;
  let other: string;
  let reader: string;

  beforeAll(async () => {
    admin = await stackAdminKey();
    owner = await tenant("reports e2e", ["analytics:read", "analytics:write"]);
    other = await tenant("reports e2e other", ["analytics:read", "analytics:write"]);
    reader = await tenant("reports e2e reader", ["analytics:read"]);
  });

  it("saves, lists by pages, gets and deletes; the plan's limit and other tenants hold", async () => {
    const created = await call("POST", "/v1/analytics/reports", owner, DAILY);
    expect(created.status).toBe(201);
    const daily = (await created.json()) as Report;
    expect(created.headers.get("location")).toBe(`/v1/analytics/reports/${daily.id}`);
    expect(daily).toMatchObject({
      name: "Daily errors by route",
      metrics: ["requests", "errors", "p95"],
      range: "last_24h",
      schedule: { every: "day", at: "06:00" },
    });
    // The next 06:00 UTC after now.
    const next = new Date(daily.nextRunAt ?? "");
    expect(next.getUTCHours()).toBe(6);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);

    const fixedResponse = await call("POST", "/v1/analytics/reports", owner, FIXED);
    expect(fixedResponse.status).toBe(201);
    const fixed = (await fixedResponse.json()) as Report;
    expect(fixed.range).toEqual({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
    });
    expect(fixed.metrics).toHaveLength(12);
    expect(fixed.nextRunAt).toBeUndefined();

    // The plan's limit (overridden to 2 for this account).
    const third = await call("POST", "/v1/analytics/reports", owner, { ...FIXED, name: "third" });
    expect(third.status).toBe(409);
    expect(((await third.json()) as { type: string }).type).toMatch(/saved-report-limit-reached$/);

    // Newest first, one per page.
    const first = await call("GET", "/v1/analytics/reports?pageSize=1", owner);
    const firstPage = (await first.json()) as { reports: Report[]; nextPageToken?: string };
    expect(firstPage.reports.map((report) => report.id)).toEqual([fixed.id]);
    expect(firstPage.nextPageToken).toBeDefined();
    const second = (await (
      await call(
        "GET",
        `/v1/analytics/reports?pageSize=1&pageToken=${firstPage.nextPageToken}`,
        owner,
      )
    ).json()) as { reports: Report[]; nextPageToken?: string };
    expect(second.reports.map((report) => report.id)).toEqual([daily.id]);
    expect(second.nextPageToken).toBeUndefined();

    const got = await call("GET", `/v1/analytics/reports/${daily.id}`, owner);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(daily);

    // Another tenant: 404, as for an id that does not exist; its list is empty.
    for (const [method, path] of [
      ["GET", `/v1/analytics/reports/${daily.id}`],
      ["DELETE", `/v1/analytics/reports/${daily.id}`],
      ["GET", "/v1/analytics/reports/not-a-uuid"],
      ["GET", "/v1/analytics/reports/0b9f6a52-6d1e-4f3a-9c2e-5a4f1d3b7e90"],
    ] as const) {
      const response = await call(method, path, other);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as { type: string }).type).toMatch(/report-not-found$/);
    }
    expect(
      ((await (await call("GET", "/v1/analytics/reports", other)).json()) as { reports: [] })
        .reports,
    ).toEqual([]);

    // Reading needs analytics:read; saving and deleting analytics:write.
    expect((await call("GET", "/v1/analytics/reports", reader)).status).toBe(200);
    expect((await call("POST", "/v1/analytics/reports", reader, FIXED)).status).toBe(403);

    expect((await call("DELETE", `/v1/analytics/reports/${daily.id}`, owner)).status).toBe(204);
    expect((await call("GET", `/v1/analytics/reports/${daily.id}`, owner)).status).toBe(404);
    // A slot is free again.
    expect((await call("POST", "/v1/analytics/reports", owner, DAILY)).status).toBe(201);
  });

  it("checks the range as a usage query does", async () => {
    const backwards = await call("POST", "/v1/analytics/reports", other, {
      ...FIXED,
      range: { from: "2026-12-01T00:00:00Z", to: "2026-11-01T00:00:00Z" },
    });
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { type: string }).type).toMatch(/invalid-range$/);
    const minutes = await call("POST", "/v1/analytics/reports", other, {
      name: "too fine",
      range: "last_30d",
      granularity: "minute",
    });
    expect(minutes.status).toBe(422);
    expect(((await minutes.json()) as { type: string }).type).toMatch(/usage-query-too-large$/);
    const hourly = await call("POST", "/v1/analytics/reports", other, {
      name: "hourly",
      range: "last_7d",
      schedule: { every: "hour", at: ":15" },
    });
    expect(hourly.status).toBe(201);
    const report = (await hourly.json()) as Report;
    expect(report.schedule).toEqual({ every: "hour", at: ":15" });
    expect(new Date(report.nextRunAt ?? "").getUTCMinutes()).toBe(15);
  });
});

const CHART = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
};

interface Totals {
  requests: number;
  errors?: number;
  errors4xx?: number;
  p95?: number;
  bytes?: number;
}

interface Run {
  id: string;
  reportId: string;
  trigger: string;
  from: string;
  to: string;
  points: number;
  truncated: boolean;
  series?: ({ start: string; group?: string } & Totals)[];
  totals: Totals;
}

describe("running a saved report through the stack", () => {
  it("keeps a run whose numbers equal GET /v1/analytics/usage for the same range", async () => {
    admin = await stackAdminKey();
    const owner = await tenantWithKeyId("reports run e2e", [
      "charts:read",
      "analytics:read",
      "analytics:write",
    ]);
    const other = await tenant("reports run e2e other", ["analytics:read", "analytics:write"]);
    let sent = 0;
    for (let index = 0; index < 12; index += 1) {
      const body = index % 4 === 3 ? { ...CHART, latitude: 123 } : CHART;
      const response = await call("POST", "/v1/charts", owner.key, body);
      await response.arrayBuffer();
      sent += 1;
    }
    const from = new Date(Date.now() - 3_600_000);
    from.setUTCMinutes(0, 0, 0);
    const to = new Date(from.getTime() + 3 * 3_600_000);
    // Only the charts route: the usage queries themselves are counted too.
    const range = `from=${from.toISOString()}&to=${to.toISOString()}&granularity=hour&groupBy=status&route=${encodeURIComponent("POST /v1/charts")}`;
    const usage = await waitFor(
      async () => {
        const response = await call("GET", `/v1/analytics/usage?${range}`, owner.key);
        const body = (await response.json()) as { series: unknown[]; totals: Totals };
        return body.totals.requests >= sent ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "usage counted" },
    );
    expect(usage.totals.requests).toBe(sent);

    const saved = (await (
      await call("POST", "/v1/analytics/reports", owner.key, {
        name: "this hour by status",
        metrics: ["requests", "errors4xx", "bytes", "p95"],
        groupBy: "status",
        route: "POST /v1/charts",
        range: { from: from.toISOString(), to: to.toISOString() },
        granularity: "hour",
      })
    ).json()) as Report;
    const ran = await call("POST", `/v1/analytics/reports/${saved.id}/run`, owner.key);
    expect(ran.status).toBe(201);
    const run = (await ran.json()) as Run;
    expect(ran.headers.get("location")).toBe(`/v1/analytics/reports/${saved.id}/runs/${run.id}`);
    expect(run).toMatchObject({ reportId: saved.id, trigger: "manual", truncated: false });
    const pickMetrics = (value: Totals & { start?: string; group?: string }) => ({
      ...(value.start === undefined ? {} : { start: value.start, group: value.group }),
      requests: value.requests,
      errors4xx: value.errors4xx,
      bytes: value.bytes,
      p95: value.p95,
    });
    // The same numbers as the usage query, with the report's metrics only.
    expect(run.totals).toEqual(pickMetrics(usage.totals));
    expect(run.series).toEqual((usage.series as Totals[]).map(pickMetrics));
    expect(run.points).toBe(usage.series.length);
    expect(run.from).toBe(from.toISOString());

    // Kept: listed (without series) and downloadable as JSON or CSV.
    const list = (await (
      await call("GET", `/v1/analytics/reports/${saved.id}/runs`, owner.key)
    ).json()) as { runs: Run[] };
    expect(list.runs.map((listed) => listed.id)).toEqual([run.id]);
    expect(list.runs[0]?.series).toBeUndefined();
    expect(list.runs[0]?.totals).toEqual(run.totals);
    const got = await call("GET", `/v1/analytics/reports/${saved.id}/runs/${run.id}`, owner.key);
    expect(await got.json()).toEqual(run);
    const csv = await fetch(`${gateway}/v1/analytics/reports/${saved.id}/runs/${run.id}`, {
      headers: { authorization: `Bearer ${owner.key}`, accept: "text/csv" },
    });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("start,group,requests,errors4xx,bytes,p95");
    expect(lines).toHaveLength(1 + (run.series?.length ?? 0));
    expect(lines[1]?.split(",").slice(0, 3)).toEqual([
      run.series?.[0]?.start,
      run.series?.[0]?.group,
      String(run.series?.[0]?.requests),
    ]);

    // Another tenant sees neither the report nor its runs.
    for (const [method, path] of [
      ["POST", `/v1/analytics/reports/${saved.id}/run`],
      ["GET", `/v1/analytics/reports/${saved.id}/runs`],
      ["GET", `/v1/analytics/reports/${saved.id}/runs/${run.id}`],
    ] as const) {
      const response = await call(method, path, other);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as { type: string }).type).toMatch(/report-not-found$/);
    }
    const missing = await call(
      "GET",
      `/v1/analytics/reports/${saved.id}/runs/5d0c7f3e-2b41-4a8e-9d6c-1f2e3a4b5c6d`,
      owner.key,
    );
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { type: string }).type).toMatch(/report-run-not-found$/);
  });
});
