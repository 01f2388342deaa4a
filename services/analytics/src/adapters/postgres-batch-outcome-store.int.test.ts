import { migratedScratchDatabase } from "@orrery/db/testing";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BatchEvent, BatchThroughput } from "../domain/batch-throughput.js";
import { PostgresBatchOutcomeStore } from "./postgres-batch-outcome-store.js";

// Batch lifecycle events into batch_outcomes on a scratch database, redelivered and out of
// order, and the overview's throughput over a range from what was recorded.
let database: ScratchDatabase;
let pool: pg.Pool;
let throughput: BatchThroughput;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 10, minute));

const event = (
  batchId: string,
  minute: number,
  ending: BatchEvent["ending"],
  succeededItems: number,
  failedItems: number,
): BatchEvent => ({
  batchId,
  accountId: "acc_1",
  at: at(minute),
  ending,
  succeededItems,
  failedItems,
});

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_batches", new URL("../..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  throughput = new BatchThroughput(new PostgresBatchOutcomeStore(pool), () => new Date(), 396);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe("batch throughput", () => {
  it("sums the batches that ended in the range; redelivery and reordering change nothing", async () => {
    const stream = [
      event("batch_a", 0, undefined, 0, 0),
      event("batch_a", 5, undefined, 400, 0),
      event("batch_a", 10, "completed", 998, 2),
      event("batch_b", 2, undefined, 10, 0),
      event("batch_b", 4, "failed", 10, 90),
      event("batch_c", 3, undefined, 5, 0),
      event("batch_c", 20, "cancelled", 5, 45),
      // Still running: not in any ending.
      event("batch_d", 8, undefined, 30, 0),
      // Ended after the range.
      event("batch_e", 1, undefined, 0, 0),
      event("batch_e", 70, "completed", 7, 0),
    ];
    await throughput.record(stream.slice(0, 6));
    await throughput.record(stream.slice(4));
    // The whole stream again, newest first: as a consumer that restarted might see it.
    await throughput.record([...stream].reverse());
    // A later, different ending of an ended batch does not replace the first.
    await throughput.record([event("batch_a", 30, "failed", 0, 1000)]);

    const summary = await throughput.summary(at(0), at(60));
    expect(summary.ended).toEqual({ completed: 1, failed: 1, cancelled: 1, expired: 0 });
    expect(summary.itemsSucceeded).toBe(998 + 10 + 5);
    expect(summary.itemsFailed).toBe(2 + 90 + 45);
    // a ran 10 min, b 2 min, c 17 min.
    expect(summary.runningMs).toBe((10 + 2 + 17) * 60_000);
    expect(summary.itemsPerSecond).toBeCloseTo(1150 / 3600, 6);
    expect(summary.processingItemsPerSecond).toBeCloseTo(1150 / (29 * 60), 6);

    const later = await throughput.summary(at(60), at(120));
    expect(later.ended.completed).toBe(1);
    expect(later.itemsSucceeded).toBe(7);
    expect(later.runningMs).toBe(69 * 60_000);
  });

  it("answers zeros for a range without endings", async () => {
    const summary = await throughput.summary(at(600), at(660));
    expect(summary).toEqual({
      ended: { completed: 0, failed: 0, cancelled: 0, expired: 0 },
      itemsSucceeded: 0,
      itemsFailed: 0,
      runningMs: 0,
      itemsPerSecond: 0,
      processingItemsPerSecond: 0,
    });
  });

  it("retention removes outcomes past it, ended or never ended, and keeps the rest", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * 86_400_000);
    const old = (batchId: string, first: number, end: number | undefined): BatchEvent[] => [
      {
        batchId,
        accountId: "acc_2",
        at: day(first),
        ending: undefined,
        succeededItems: 0,
        failedItems: 0,
      },
      ...(end === undefined
        ? []
        : [
            {
              batchId,
              accountId: "acc_2",
              at: day(end),
              ending: "completed" as const,
              succeededItems: 3,
              failedItems: 0,
            },
          ]),
    ];
    const store = new PostgresBatchOutcomeStore(pool);
    // Kept 30 days; the job runs on day 100, so the cutoff is day 70.
    const job = new BatchThroughput(store, () => day(100), 30);
    await job.record([
      ...old("ret_ended_old", 10, 11),
      ...old("ret_unended_old", 12, undefined),
      // Began before the cutoff, ended after it: kept.
      ...old("ret_ended_late", 60, 75),
      ...old("ret_unended_recent", 80, undefined),
      ...old("ret_ended_recent", 90, 91),
    ]);

    expect(await job.maintain()).toBe(2);
    const { rows } = await pool.query<{ batch_id: string }>(
      "SELECT batch_id FROM batch_outcomes WHERE batch_id LIKE 'ret_%' ORDER BY batch_id",
    );
    expect(rows.map((row) => row.batch_id)).toEqual([
      "ret_ended_late",
      "ret_ended_recent",
      "ret_unended_recent",
    ]);
    // Nothing more to remove; the earlier test's batches (December 2026) are within retention.
    expect(await job.maintain()).toBe(0);
    expect((await throughput.summary(day(0), day(100))).ended.completed).toBe(2);
  });
});
