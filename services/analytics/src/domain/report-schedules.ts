import { type ReportRun, type ReportRuns, RUNS_KEPT_PER_REPORT } from "./report-runs.js";
import { nextRunAfter, type SavedReport } from "./saved-reports.js";

/** One claimed due report: what is done with it commits together, or not at all. */
export interface DueReportTransaction {
  /** Stores the run, moves the schedule to `nextRunAt` and records report.ready in the outbox. */
  complete(report: SavedReport, run: ReportRun, nextRunAt: Date, keep: number): Promise<void>;
}

export interface ReportScheduleStore {
  /**
   * Claims one report due at `now` (FOR UPDATE SKIP LOCKED, so that replicas never run one
   * schedule twice) and runs `work` in its transaction; false when none is due.
   */
  withDueReport(
    now: Date,
    work: (report: SavedReport, transaction: DueReportTransaction) => Promise<void>,
  ): Promise<boolean>;
}

/** Runs the saved reports whose schedule is due, each once, and announces them (report.ready). */
export class ReportScheduler {
  constructor(
    private readonly store: ReportScheduleStore,
    private readonly runs: ReportRuns,
    private readonly now: () => Date,
    private readonly maxPerTick: number,
  ) {}

  /** Returns how many reports ran. A missed slot (downtime) runs once, then the next one after now. */
  async runDue(): Promise<number> {
    let ran = 0;
    while (ran < this.maxPerTick) {
      const now = this.now();
      const claimed = await this.store.withDueReport(now, async (report, transaction) => {
        const run = await this.runs.compute(report, "schedule", now);
        const schedule = report.definition.schedule;
        if (schedule === undefined) return;
        await transaction.complete(report, run, nextRunAfter(schedule, now), RUNS_KEPT_PER_REPORT);
      });
      if (!claimed) break;
      ran += 1;
    }
    return ran;
  }
}
