import type pg from "pg";
import { PostgresBatchOutcomeStore } from "./adapters/postgres-batch-outcome-store.js";
import { PostgresKeyUsageStore } from "./adapters/postgres-key-usage-store.js";
import { PostgresReportRunStore } from "./adapters/postgres-report-run-store.js";
import { PostgresReportScheduleStore } from "./adapters/postgres-report-schedule-store.js";
import { PostgresRollupStore } from "./adapters/postgres-rollup-store.js";
import { PostgresSavedReportStore } from "./adapters/postgres-saved-report-store.js";
import {
  PostgresUsageOverviewStore,
  PostgresUsageQueryStore,
} from "./adapters/postgres-usage-query-store.js";
import { PostgresWebhookOutcomeStore } from "./adapters/postgres-webhook-outcome-store.js";
import type { Config } from "./config.js";
import { BatchThroughput } from "./domain/batch-throughput.js";
import { KeyUsage } from "./domain/key-usage.js";
import { ReportRuns } from "./domain/report-runs.js";
import { ReportScheduler } from "./domain/report-schedules.js";
import { SavedReports } from "./domain/saved-reports.js";
import { UsageIngest } from "./domain/usage-ingest.js";
import { UsageOverviews } from "./domain/usage-overview.js";
import { UsageReports } from "./domain/usage-query.js";
import { WebhookDeliveries } from "./domain/webhook-deliveries.js";

export interface AnalyticsDomain {
  readonly ingest: UsageIngest;
  readonly keyUsage: KeyUsage;
  readonly reports: UsageReports;
  readonly overviews: UsageOverviews;
  readonly savedReports: SavedReports;
  readonly runs: ReportRuns;
  readonly scheduler: ReportScheduler;
  readonly batches: BatchThroughput;
  readonly webhooks: WebhookDeliveries;
}

/** Adapters built and handed to the domain, in one place. */
export function buildDomain(config: Config, primary: pg.Pool, reads: pg.Pool): AnalyticsDomain {
  const now = () => new Date();
  const ingest = new UsageIngest(
    new PostgresRollupStore(primary),
    {
      minute: config.ROLLUP_RETENTION_MINUTE_DAYS,
      hour: config.ROLLUP_RETENTION_HOUR_DAYS,
      day: config.ROLLUP_RETENTION_DAY_DAYS,
    },
    now,
    config.USAGE_DEDUP_WINDOW_DAYS,
  );
  const reports = new UsageReports(new PostgresUsageQueryStore(reads), now);
  const savedReports = new SavedReports(new PostgresSavedReportStore(primary), now);
  const runs = new ReportRuns(savedReports, reports, new PostgresReportRunStore(primary), now);
  return {
    ingest,
    keyUsage: new KeyUsage(new PostgresKeyUsageStore(reads), now),
    reports,
    overviews: new UsageOverviews(new PostgresUsageOverviewStore(reads), now),
    savedReports,
    runs,
    batches: new BatchThroughput(
      new PostgresBatchOutcomeStore(primary),
      now,
      config.BATCH_OUTCOME_RETENTION_DAYS,
    ),
    webhooks: new WebhookDeliveries(
      new PostgresWebhookOutcomeStore(primary, reads),
      now,
      config.WEBHOOK_OUTCOME_RETENTION_DAYS,
      config.WEBHOOK_DEDUP_WINDOW_DAYS,
    ),
    scheduler: new ReportScheduler(
      new PostgresReportScheduleStore(primary),
      runs,
      now,
      config.REPORT_SCHEDULE_BATCH,
    ),
  };
}
