import { type PlanDatabase, seededPlanDatabase } from "@orrery/db/testing";
import { indexesUsed, type PlanNode, sequentialScans } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLAIM_UNIT_SQL,
  DELETE_FINISHED_SQL,
  EXPIRE_DUE_SQL,
  LIST_BATCHES_SQL,
  NEXT_UNIT_SQL,
  OUTCOME_PAGE_SQL,
} from "./postgres-batch-store.js";

// The hot queries' plans on tables the size of a busy week: 2,000 batches of 50 accounts, one
// running 50,000-item batch and 300,000 finished items. Each must reach its rows by an index.
let database: PlanDatabase;

beforeAll(async () => {
  database = await seededPlanDatabase(
    "batch_plans",
    new URL("../..", import.meta.url),
    `
    INSERT INTO batches (id, account_id, status, total_items, succeeded_items, failed_items,
      completion_window_seconds, created_at, completed_at, expires_at)
    SELECT 'batch_' || n, 'acc_' || (n % 50),
      CASE WHEN n = 1 THEN 'in_progress' ELSE 'completed' END,
      CASE WHEN n = 1 THEN 50000 ELSE 150 END, 0, 0, 86400,
      now() - n * interval '5 minutes',
      CASE WHEN n = 1 THEN NULL ELSE now() - n * interval '4 minutes' END,
      now() + interval '1 day' - n * interval '5 minutes'
    FROM generate_series(1, 2000) AS n;
    INSERT INTO batch_items (batch_id, index, custom_id, type, status, params)
    SELECT 'batch_1', n, 'c' || n, 'chart', CASE WHEN n < 20000 THEN 'succeeded' ELSE 'pending' END, '{}'
    FROM generate_series(0, 49999) AS n;
    INSERT INTO batch_items (batch_id, index, custom_id, type, status, params)
    SELECT 'batch_' || (2 + n / 150), n % 150, 'c' || n, 'chart',
      CASE WHEN n % 40 = 0 THEN 'failed' ELSE 'succeeded' END, '{}'
    FROM generate_series(0, 299849) AS n;
  `,
  );
}, 120_000);

afterAll(() => database?.close());

const plan = (text: string, values: readonly unknown[] = []) => database.plan(text, values);

describe("query plans", () => {
  it("claims the next work unit's pending items along the primary key", async () => {
    const nodes = await plan(CLAIM_UNIT_SQL, ["batch_1", 20000, 20250]);
    expect(sequentialScans(nodes)).toEqual([]);
    expect([...indexesUsed(nodes)].some((name) => name.startsWith("batch_items_"))).toBe(true);
  });

  it("pages results and errors along an index of the batch's items, in index order", async () => {
    const results = await plan(OUTCOME_PAGE_SQL, ["batch_1", ["succeeded"], 5000, 1001]);
    const onItems = (nodes: PlanNode[]) =>
      [...indexesUsed(nodes)].some((name) => name.startsWith("batch_items_"));
    expect(onItems(results)).toBe(true);
    expect(sequentialScans(results)).toEqual([]);
    const errors = await plan(OUTCOME_PAGE_SQL, [
      "batch_7",
      ["failed", "expired", "cancelled"],
      -1,
      1001,
    ]);
    expect(onItems(errors)).toBe(true);
    expect(sequentialScans(errors)).toEqual([]);
  });

  it("lists an account's batches newest first along the account index", async () => {
    const first = await plan(LIST_BATCHES_SQL, ["acc_3", new Date(8.64e15), "", null, 51]);
    expect(indexesUsed(first)).toContain("batches_account_created_idx");
    expect(sequentialScans(first)).toEqual([]);
    const next = await plan(LIST_BATCHES_SQL, [
      "acc_3",
      new Date(Date.now() - 86_400_000),
      "batch_300",
      "completed",
      51,
    ]);
    expect(sequentialScans(next)).toEqual([]);
  });

  it("queues the next unit of a running batch by an index", async () => {
    const nodes = await plan(NEXT_UNIT_SQL, ["batch_1", 250]);
    expect(sequentialScans(nodes)).toEqual([]);
  });

  it("finds batches to expire along the expiry index, and finished ones to remove along the completion index", async () => {
    const expiring = await plan(EXPIRE_DUE_SQL, [new Date(), 100]);
    expect(indexesUsed(expiring)).toContain("batches_expiry_idx");
    const retention = await plan(DELETE_FINISHED_SQL, [
      new Date(Date.now() - 5 * 86_400_000),
      1000,
    ]);
    expect(indexesUsed(retention)).toContain("batches_completed_idx");
    expect(sequentialScans(retention)).toEqual([]);
  });
});
