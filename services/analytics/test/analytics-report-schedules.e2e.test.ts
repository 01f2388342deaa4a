import { gatewayFetch as call, createTenant, infra, waitFor } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A scheduled report through the stack: made due now (its next run set in the past in
// analytics' database), analytics' schedule job runs it once, stores the run, moves the schedule
// to its next slot and publishes orrery.report.ready from the outbox.
const databaseUrl = (() => {
  // The service's own role (scripts/env/analytics.env) on the stack's Postgres.
  const url = new URL(infra.adminDatabaseUrl);
  url.username = "orrery_analytics";
  url.password = "orrery_analytics";
  url.pathname = "/orrery_analytics";
  return url.toString();
})();
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});
afterAll(async () => {
  await pool?.end();
});

describe("scheduled reports through the stack", () => {
  it("runs a due schedule once, keeps the run and publishes report.ready", async () => {
    const { accountId, key } = await createTenant({
      name: "schedules e2e",
      scopes: ["analytics:read", "analytics:write", "webhooks:manage"],
      environment: "live",
    });
    // A partner endpoint subscribed to report.ready (the stack lets webhooks reach this machine
    // over plain http; the message is recorded whether or not anything listens).
    const endpoint = await call("POST", "/v1/webhooks/endpoints", key, {
      url: "http://127.0.0.1:9/orrery",
      eventTypes: ["report.ready"],
    });
    expect(endpoint.status).toBe(201);
    const created = (await (
      await call("POST", "/v1/analytics/reports", key, {
        name: "hourly",
        range: "last_24h",
        schedule: { every: "hour", at: ":00" },
      })
    ).json()) as { id: string; nextRunAt: string };
    expect(new Date(created.nextRunAt).getTime()).toBeGreaterThan(Date.now());

    await pool.query(
      "UPDATE saved_reports SET next_run_at = now() - interval '1 second' WHERE id = $1",
      [created.id],
    );
    const runs = await waitFor(
      async () => {
        const body = (await (
          await call("GET", `/v1/analytics/reports/${created.id}/runs`, key)
        ).json()) as { runs: { id: string; trigger: string }[] };
        return body.runs.length > 0 ? body.runs : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 500, message: "scheduled run stored" },
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]?.trigger).toBe("schedule");

    // Moved to the next slot: not due again.
    const report = (await (
      await call("GET", `/v1/analytics/reports/${created.id}`, key)
    ).json()) as { nextRunAt: string };
    expect(new Date(report.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(report.nextRunAt).getUTCMinutes()).toBe(0);

    // report.ready went through the outbox to orrery.analytics.v1, keyed by the account.
    const event = await waitFor(
      async () => {
        const result = await pool.query<{
          topic: string;
          partition_key: string;
          headers: Record<string, string>;
          published_at: Date | null;
        }>(
          `SELECT topic, partition_key, headers, published_at FROM outbox_events
            WHERE type = 'orrery.report.ready' AND partition_key = $1`,
          [accountId],
        );
        return result.rows.every((row) => row.published_at !== null) && result.rows.length > 0
          ? result.rows
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "report.ready published" },
    );
    expect(event).toHaveLength(1);
    expect(event[0]?.topic).toBe("orrery.analytics.v1");
    expect(JSON.stringify(event[0]?.headers)).toContain(created.id);

    // The webhook dispatcher turned it into a report.ready message for the endpoint.
    const message = await waitFor(
      async () => {
        const body = (await (
          await call("GET", "/v1/webhooks/messages?eventType=report.ready", key)
        ).json()) as { messages: { id: string }[] };
        return body.messages[0];
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "report.ready message" },
    );
    const detail = (await (
      await call("GET", `/v1/webhooks/messages/${message.id}`, key)
    ).json()) as {
      payload?: { data?: Record<string, unknown> };
    };
    expect(detail.payload?.data).toMatchObject({
      accountId: accountId,
      reportId: created.id,
      runId: runs[0]?.id,
      name: "hourly",
    });

    // The run the event names is the stored one.
    const got = await call("GET", `/v1/analytics/reports/${created.id}/runs/${runs[0]?.id}`, key);
    expect(got.status).toBe(200);
  }, 90_000);
});
