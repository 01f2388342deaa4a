import { migratedScratchDatabase } from "@orrery/db/testing";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresReportRunStore } from "./adapters/postgres-report-run-store.js";
import { PostgresReportScheduleStore } from "./adapters/postgres-report-schedule-store.js";
import { PostgresSavedReportStore } from "./adapters/postgres-saved-report-store.js";
import { PostgresUsageQueryStore } from "./adapters/postgres-usage-query-store.js";
import { ReportRuns } from "./domain/report-runs.js";
import { ReportScheduler } from "./domain/report-schedules.js";
import { type ReportDefinition, SavedReports } from "./domain/saved-reports.js";
import { UsageReports } from "./domain/usage-query.js";

// Two schedulers (two replicas) on one database: every due report runs exactly once, its
// schedule moves to the next slot, and one report.ready per run is in the outbox.
let now = new Date("2026-12-02T05:00:00Z");
let database: ScratchDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_schedules", new URL("..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 8 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const DAILY: ReportDefinition = {
  name: "daily",
  metrics: ["requests"],
  groupBy: undefined,
  route: "",
  keyId: "",
  window: "last_24h",
  from: undefined,
  to: undefined,
  granularity: "hour",
  schedule: { every: "day", atMinute: 6 * 60 },
};

function replica() {
  const clock = () => now;
  const saved = new SavedReports(new PostgresSavedReportStore(pool), clock);
  const runs = new ReportRuns(
    saved,
    new UsageReports(new PostgresUsageQueryStore(pool), clock),
    new PostgresReportRunStore(pool),
    clock,
  );
  return {
    saved,
    scheduler: new ReportScheduler(new PostgresReportScheduleStore(pool), runs, clock, 1_000),
  };
}

describe("report schedules", () => {
  it("runs each due report once across two replicas", async () => {
    const first = replica();
    const second = replica();
    const ids: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const report = await first.saved.create(`acc-${index % 4}`, DAILY, 100);
      ids.push(report.id);
    }
    // Not due before 06:00.
    expect(await first.scheduler.runDue()).toBe(0);

    now = new Date("2026-12-02T06:00:30Z");
    const [a, b] = await Promise.all([first.scheduler.runDue(), second.scheduler.runDue()]);
    expect(a + b).toBe(40);
    const runs = await pool.query<{ report_id: string; n: number }>(
      "SELECT report_id, count(*)::int AS n FROM report_runs GROUP BY report_id",
    );
    expect(runs.rows).toHaveLength(40);
    expect(runs.rows.every((row) => row.n === 1)).toBe(true);
    const events = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox_events WHERE type = 'orrery.report.ready'",
    );
    expect(events.rows[0]?.n).toBe(40);
    const next = await pool.query<{ next_run_at: Date }>(
      "SELECT DISTINCT next_run_at FROM saved_reports",
    );
    expect(next.rows.map((row) => row.next_run_at)).toEqual([new Date("2026-12-03T06:00:00Z")]);

    // Nothing is due again until the next slot.
    expect(await Promise.all([first.scheduler.runDue(), second.scheduler.runDue()])).toEqual([
      0, 0,
    ]);
  });
});
