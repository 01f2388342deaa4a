import type { Cursor } from "@orrery/db";
import type pg from "pg";
import type { ReportRun, ReportRunStore, RunTrigger } from "../domain/report-runs.js";
import type { UsageMetrics, UsageReport } from "../domain/usage-query.js";
import type { Granularity } from "../domain/usage-rollups.js";

interface StoredOutput {
  from: string;
  to: string;
  granularity: Granularity;
  series: { start: string; group: string; metrics: UsageMetrics }[];
  totals: UsageMetrics;
}

interface Row {
  id: string;
  report_id: string;
  account_id: string;
  created_at: Date;
  trigger: RunTrigger;
  output: StoredOutput;
  truncated: boolean;
  points: number;
}

function stored(output: UsageReport): StoredOutput {
  return {
    from: output.from.toISOString(),
    to: output.to.toISOString(),
    granularity: output.granularity,
    series: output.series.map((point) => ({
      start: point.start.toISOString(),
      group: point.group,
      metrics: point.metrics,
    })),
    totals: output.totals,
  };
}

// JSON drops undefined percentiles; they come back absent, which reads as undefined.
function run(row: Row): ReportRun {
  return {
    id: row.id,
    reportId: row.report_id,
    accountId: row.account_id,
    createdAt: row.created_at,
    trigger: row.trigger,
    output: {
      from: new Date(row.output.from),
      to: new Date(row.output.to),
      granularity: row.output.granularity,
      series: (row.output.series ?? []).map((point) => ({
        start: new Date(point.start),
        group: point.group,
        metrics: point.metrics,
      })),
      totals: row.output.totals,
    },
    truncated: row.truncated,
    points: row.points,
  };
}

const COLUMNS = "id, report_id, account_id, created_at, trigger, truncated, points";

/** Stores a run and drops the report's runs past the newest `keep` (in the caller's transaction). */
export async function insertRun(
  executor: Pick<pg.Pool | pg.PoolClient, "query">,
  saved: ReportRun,
  keep: number,
): Promise<void> {
  await executor.query(
    `WITH added AS (
       INSERT INTO report_runs (${COLUMNS}, output)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     )
     DELETE FROM report_runs
      WHERE report_id = $2
        AND id IN (SELECT id FROM report_runs WHERE report_id = $2
                    ORDER BY created_at DESC, id DESC OFFSET $9)`,
    [
      saved.id,
      saved.reportId,
      saved.accountId,
      saved.createdAt,
      saved.trigger,
      saved.truncated,
      saved.points,
      JSON.stringify(stored(saved.output)),
      // The statement's snapshot does not see the row it adds: keep one fewer of the others.
      keep - 1,
    ],
  );
}

export class PostgresReportRunStore implements ReportRunStore {
  constructor(private readonly pool: pg.Pool) {}

  async insert(saved: ReportRun, keep: number): Promise<void> {
    await insertRun(this.pool, saved, keep);
  }

  async list(
    accountId: string,
    reportId: string,
    limit: number,
    after: Cursor | undefined,
  ): Promise<ReportRun[]> {
    const summary = `${COLUMNS}, output - 'series' AS output`;
    const result = await this.pool.query<Row>(
      after === undefined
        ? `SELECT ${summary} FROM report_runs WHERE report_id = $1 AND account_id = $2
            ORDER BY created_at DESC, id DESC LIMIT $3`
        : `SELECT ${summary} FROM report_runs WHERE report_id = $1 AND account_id = $2
              AND (created_at, id) < ($4, $5::uuid)
            ORDER BY created_at DESC, id DESC LIMIT $3`,
      after === undefined
        ? [reportId, accountId, limit]
        : [reportId, accountId, limit, after.createdAt, after.id],
    );
    return result.rows.map(run);
  }

  async get(accountId: string, reportId: string, runId: string): Promise<ReportRun | undefined> {
    const result = await this.pool.query<Row>(
      `SELECT ${COLUMNS}, output FROM report_runs
        WHERE id = $1 AND report_id = $2 AND account_id = $3`,
      [runId, reportId, accountId],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : run(row);
  }
}
