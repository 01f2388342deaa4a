import { type PlanDatabase, seededPlanDatabase } from "@orrery/db/testing";
import { indexesUsed, sequentialScans } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUE_REPORT_SQL } from "./postgres-report-schedule-store.js";
import { LIST_AFTER_SQL, LIST_SQL } from "./postgres-saved-report-store.js";

// Saved reports' hot reads on 20,000 reports of 2,000 accounts, one in ten scheduled: the
// scheduler's due claim goes along the partial due index, an account's pages along its index.
let database: PlanDatabase;

beforeAll(async () => {
  database = await seededPlanDatabase(
    "analytics_report_plans",
    new URL("../..", import.meta.url),
    `
    INSERT INTO saved_reports (id, account_id, definition, created_at, next_run_at)
    SELECT gen_random_uuid(), 'acc_' || (n % 2000), '{"name":"r"}'::jsonb,
           '2026-12-01'::timestamptz + n * interval '1 second',
           CASE WHEN n % 10 = 0 THEN '2026-12-02'::timestamptz + (n % 1440) * interval '1 minute' END
      FROM generate_series(1, 20000) AS n;
  `,
  );
}, 120_000);

afterAll(() => database?.close());

const plan = (text: string, values: readonly unknown[]) => database.plan(text, values);

describe("saved report query plans", () => {
  it("claims due reports along the partial due index", async () => {
    const nodes = await plan(DUE_REPORT_SQL, [new Date("2026-12-02T06:00:00Z")]);
    expect([...indexesUsed(nodes)]).toContain("saved_reports_due_idx");
    expect(sequentialScans(nodes)).toEqual([]);
  });

  it("pages an account's reports along its index", async () => {
    for (const [text, values] of [
      [LIST_SQL, ["acc_7", 51]],
      [LIST_AFTER_SQL, ["acc_7", 51, new Date("2026-12-01T02:00:00Z"), crypto.randomUUID()]],
    ] as const) {
      const nodes = await plan(text, [...values]);
      expect([...indexesUsed(nodes)]).toContain("saved_reports_account_idx");
      expect(sequentialScans(nodes)).toEqual([]);
    }
  });
});
