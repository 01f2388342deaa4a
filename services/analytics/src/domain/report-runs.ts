import { randomUUID } from "node:crypto";
import { type Cursor, decodePageToken, pageSize, toPage } from "@orrery/db";
import { DomainError } from "@orrery/errors";
import { reportQuery, type SavedReport, type SavedReports } from "./saved-reports.js";
import type { UsageReport, UsageReports } from "./usage-query.js";

/** Points (buckets × groups) a run keeps; past it the first ones are kept and it is truncated. */
export const MAX_RUN_POINTS = 10_000;
/** Runs kept per report; older ones are dropped when a new one is stored. */
export const RUNS_KEPT_PER_REPORT = 50;

export type RunTrigger = "manual" | "schedule";

export interface ReportRun {
  readonly id: string;
  readonly reportId: string;
  readonly accountId: string;
  readonly createdAt: Date;
  readonly trigger: RunTrigger;
  readonly output: UsageReport;
  readonly truncated: boolean;
  readonly points: number;
}

export interface ReportRunStore {
  /** Stores the run and drops the report's runs past the newest `keep`. */
  insert(run: ReportRun, keep: number): Promise<void>;
  /** Newest first, without their series. */
  list(
    accountId: string,
    reportId: string,
    limit: number,
    after: Cursor | undefined,
  ): Promise<ReportRun[]>;
  get(accountId: string, reportId: string, runId: string): Promise<ReportRun | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs a saved report's usage query (the same code as QueryUsage) and keeps its output. */
export class ReportRuns {
  constructor(
    private readonly reports: SavedReports,
    private readonly usage: UsageReports,
    private readonly store: ReportRunStore,
    private readonly now: () => Date,
  ) {}

  async runNow(
    accountId: string,
    reportId: string,
  ): Promise<{ report: SavedReport; run: ReportRun }> {
    const report = await this.reports.get(accountId, reportId);
    return { report, run: await this.run(report, "manual") };
  }

  /** Runs `report` with its window ending now and stores the output. */
  async run(report: SavedReport, trigger: RunTrigger): Promise<ReportRun> {
    const run = await this.compute(report, trigger, this.now());
    await this.store.insert(run, RUNS_KEPT_PER_REPORT);
    return run;
  }

  /** Runs `report`'s usage query with its window ending at `now`, bounded; stores nothing. */
  async compute(report: SavedReport, trigger: RunTrigger, now: Date): Promise<ReportRun> {
    const query = reportQuery(report.accountId, report.definition, now);
    const output = await this.usage.query(query);
    const points = output.series.length;
    const run: ReportRun = {
      id: randomUUID(),
      reportId: report.id,
      accountId: report.accountId,
      createdAt: now,
      trigger,
      output:
        points > MAX_RUN_POINTS
          ? { ...output, series: output.series.slice(0, MAX_RUN_POINTS) }
          : output,
      truncated: points > MAX_RUN_POINTS,
      points,
    };
    return run;
  }

  async list(accountId: string, reportId: string, requestedSize: number, pageToken: string) {
    const report = await this.reports.get(accountId, reportId);
    const size = pageSize(requestedSize);
    const after = decodePageToken(pageToken);
    if (after !== undefined && !UUID.test(after.id)) {
      throw new DomainError("INVALID_PAGE_TOKEN", "The page token is not one this API returned.");
    }
    const rows = await this.store.list(accountId, reportId, size + 1, after);
    return { report, page: toPage(rows, size) };
  }

  async get(accountId: string, reportId: string, runId: string) {
    const report = await this.reports.get(accountId, reportId);
    const run = UUID.test(runId) ? await this.store.get(accountId, reportId, runId) : undefined;
    if (run === undefined) {
      throw new DomainError("REPORT_RUN_NOT_FOUND", `No run ${runId} of report ${reportId}.`);
    }
    return { report, run };
  }
}
