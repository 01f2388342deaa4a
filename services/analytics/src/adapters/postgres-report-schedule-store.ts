import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { enqueueEvent } from "@orrery/events";
import type pg from "pg";
import type { DueReportTransaction, ReportScheduleStore } from "../domain/report-schedules.js";
import type { SavedReport } from "../domain/saved-reports.js";
import { insertRun } from "./postgres-report-run-store.js";
import { COLUMNS, type Row, report } from "./postgres-saved-report-store.js";

const EVENT_SOURCE = "/orrery/analytics";

/** The earliest due report no other transaction holds (along saved_reports_due_idx). */
export const DUE_REPORT_SQL = `SELECT ${COLUMNS} FROM saved_reports
  WHERE next_run_at <= $1
  ORDER BY next_run_at
  LIMIT 1
  FOR UPDATE SKIP LOCKED`;

export class PostgresReportScheduleStore implements ReportScheduleStore {
  constructor(private readonly pool: pg.Pool) {}

  async withDueReport(
    now: Date,
    work: (report: SavedReport, transaction: DueReportTransaction) => Promise<void>,
  ): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const due = await client.query<Row>(DUE_REPORT_SQL, [now]);
      const row = due.rows[0];
      if (row === undefined) {
        await client.query("COMMIT");
        return false;
      }
      await work(report(row), {
        complete: async (saved, run, nextRunAt, keep) => {
          await insertRun(client, run, keep);
          await client.query("UPDATE saved_reports SET next_run_at = $2 WHERE id = $1", [
            saved.id,
            nextRunAt,
          ]);
          await enqueueEvent(client, EVENT_SOURCE, {
            type: "orrery.report.ready",
            accountId: saved.accountId,
            subject: saved.id,
            data: {
              accountId: saved.accountId,
              reportId: saved.id,
              runId: run.id,
              name: saved.definition.name,
              startedAt: timestampFromDate(run.createdAt),
              from: timestampFromDate(run.output.from),
              to: timestampFromDate(run.output.to),
              points: run.points,
              truncated: run.truncated,
            },
          });
        },
      });
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
