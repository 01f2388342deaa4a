import { migratedScratchDatabase } from "@orrery/db/testing";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUE_REPORT_SQL } from "./postgres-report-schedule-store.js";
import { LIST_AFTER_SQL, LIST_SQL } from "./postgres-saved-report-store.js";

// Saved reports' hot reads on 20,000 reports of 2,000 accounts, one in ten scheduled: the
// scheduler's due claim goes along the partial due index, an account's pages along its index.
let database: ScratchDatabase;
let sql: pg.Client;

beforeAll(async () => {
  database = await migratedScratchDatabase(
    "analytics_report_plans",
    new URL("../..", import.meta.url),
  );
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  await sql.query(`
    INSERT INTO saved_reports (id, account_id, definition, created_at, next_run_at)
    SELECT gen_random_uuid(), 'acc_' || (n % 2000), '{"name":"r"}'::jsonb,
           '2026-12-01'::timestamptz + n * interval '1 second',
           CASE WHEN n % 10 = 0 THEN '2026-12-02'::timestamptz + (n % 1440) * interval '1 minute' END
      FROM generate_series(1, 20000) AS n;
    ANALYZE saved_reports;
  `);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await database?.drop();
});

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

async function plan(text: string, values: unknown[]): Promise<PlanNode[]> {
  const { rows } = await sql.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${text}`,
    values,
  );
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit((rows[0] as { "QUERY PLAN": [{ Plan: PlanNode }] })["QUERY PLAN"][0].Plan);
  return nodes;
}

const indexes = (nodes: PlanNode[]) => nodes.flatMap((node) => node["Index Name"] ?? []);
const seqScans = (nodes: PlanNode[]) => nodes.filter((node) => node["Node Type"] === "Seq Scan");

describe("saved report query plans", () => {
  it("claims due reports along the partial due index", async () => {
    const nodes = await plan(DUE_REPORT_SQL, [new Date("2026-12-02T06:00:00Z")]);
    expect(indexes(nodes)).toContain("saved_reports_due_idx");
    expect(seqScans(nodes)).toEqual([]);
  });

  it("pages an account's reports along its index", async () => {
    for (const [text, values] of [
      [LIST_SQL, ["acc_7", 51]],
      [LIST_AFTER_SQL, ["acc_7", 51, new Date("2026-12-01T02:00:00Z"), crypto.randomUUID()]],
    ] as const) {
      const nodes = await plan(text, [...values]);
      expect(indexes(nodes)).toContain("saved_reports_account_idx");
      expect(seqScans(nodes)).toEqual([]);
    }
  });
});
