import { randomUUID } from "node:crypto";
import { migratedScratchDatabase } from "@orrery/db/testing";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebhookAttempt, WebhookDeliveries } from "../domain/webhook-deliveries.js";
import { PostgresWebhookOutcomeStore } from "./postgres-webhook-outcome-store.js";

// Attempt events into webhook_outcomes on a scratch database, redelivered, and the overview's
// success rate over a range from what was recorded.
let database: ScratchDatabase;
let pool: pg.Pool;
let now = new Date("2026-12-02T12:00:00Z");
let deliveries: WebhookDeliveries;
const at = (hour: number, minute: number) => new Date(Date.UTC(2026, 11, 2, hour, minute));

const attempt = (
  accountId: string,
  startedAt: Date,
  succeeded: boolean,
  durationMs: number,
): WebhookAttempt => ({ eventId: randomUUID(), accountId, startedAt, succeeded, durationMs });

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_webhooks", new URL("../..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  deliveries = new WebhookDeliveries(new PostgresWebhookOutcomeStore(pool), () => now, 30, 8);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe("webhook deliveries", () => {
  it("counts each attempt once however often it is delivered, by the hour it started", async () => {
    const stream = [
      attempt("acc_a", at(10, 5), true, 40),
      attempt("acc_a", at(10, 59), false, 1_000),
      attempt("acc_a", at(11, 0), true, 60),
      attempt("acc_b", at(10, 30), false, 200),
      attempt("acc_b", at(10, 31), false, 300),
      attempt("acc_b", at(11, 45), true, 100),
      attempt("acc_c", at(11, 10), true, 20),
    ];
    expect(await deliveries.record(stream)).toBe(7);
    // A redelivered batch, and one with an event twice, add nothing twice.
    expect(await deliveries.record(stream.slice(2))).toBe(0);
    const late = attempt("acc_c", at(11, 20), false, 80);
    expect(await deliveries.record([late, late, stream[0] as WebhookAttempt])).toBe(1);

    const { rows } = await pool.query(
      `SELECT bucket_start, account_id, attempts::int, succeeded::int, failed::int, duration_ms::int
       FROM webhook_outcomes ORDER BY bucket_start, account_id`,
    );
    expect(rows).toEqual([
      row(at(10, 0), "acc_a", 2, 1, 1, 1_040),
      row(at(10, 0), "acc_b", 2, 0, 2, 500),
      row(at(11, 0), "acc_a", 1, 1, 0, 60),
      row(at(11, 0), "acc_b", 1, 1, 0, 100),
      row(at(11, 0), "acc_c", 2, 1, 1, 100),
    ]);

    const summary = await deliveries.summary(at(10, 0), at(12, 0), 10);
    expect(summary).toMatchObject({ attempts: 8, succeeded: 4, failed: 4, successRate: 0.5 });
    expect(summary.meanDurationMs).toBeCloseTo(1_800 / 8, 9);
    expect(summary.topFailingAccounts).toEqual([
      {
        accountId: "acc_b",
        attempts: 3,
        succeeded: 1,
        failed: 2,
        durationMs: 600,
        successRate: 1 / 3,
        meanDurationMs: 200,
      },
      {
        accountId: "acc_a",
        attempts: 3,
        succeeded: 2,
        failed: 1,
        durationMs: 1_100,
        successRate: 2 / 3,
        meanDurationMs: 1_100 / 3,
      },
      {
        accountId: "acc_c",
        attempts: 2,
        succeeded: 1,
        failed: 1,
        durationMs: 100,
        successRate: 0.5,
        meanDurationMs: 50,
      },
    ]);
    // The range is the hours it covers; the ranking is cut at the limit.
    const eleven = await deliveries.summary(at(11, 0), at(12, 0), 1);
    expect(eleven).toMatchObject({ attempts: 4, succeeded: 3, failed: 1, successRate: 0.75 });
    expect(eleven.topFailingAccounts.map((account) => account.accountId)).toEqual(["acc_c"]);
    expect(await deliveries.summary(at(0, 0), at(1, 0), 10)).toEqual({
      attempts: 0,
      succeeded: 0,
      failed: 0,
      successRate: 0,
      meanDurationMs: 0,
      topFailingAccounts: [],
    });
  });

  it("forgets hours past retention and event ids past the de-duplication window", async () => {
    const old = attempt("acc_old", new Date(now.getTime() - 40 * 86_400_000), false, 10);
    await deliveries.record([old]);
    await pool.query(
      "UPDATE webhook_attempts_seen SET seen_at = now() - interval '9 days' WHERE event_id = $1",
      [old.eventId],
    );
    now = new Date();
    await deliveries.maintain();
    const hours = await pool.query("SELECT 1 FROM webhook_outcomes WHERE account_id = 'acc_old'");
    expect(hours.rowCount).toBe(0);
    const seen = await pool.query("SELECT 1 FROM webhook_attempts_seen WHERE event_id = $1", [
      old.eventId,
    ]);
    expect(seen.rowCount).toBe(0);
  });
});

function row(
  bucket: Date,
  accountId: string,
  attempts: number,
  succeeded: number,
  failed: number,
  durationMs: number,
) {
  return {
    bucket_start: bucket,
    account_id: accountId,
    attempts,
    succeeded,
    failed,
    duration_ms: durationMs,
  };
}
