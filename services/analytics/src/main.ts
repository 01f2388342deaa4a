import { bootstrapService } from "@orrery/bootstrap";
import { TOPICS } from "@orrery/events";
import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { loadServiceConfig } from "./config.js";
import { createReport } from "./transport/grpc/create-report.js";
import { deleteReport } from "./transport/grpc/delete-report.js";
import { getKeyUsage } from "./transport/grpc/get-key-usage.js";
import { getReport } from "./transport/grpc/get-report.js";
import { getReportRun } from "./transport/grpc/get-report-run.js";
import { getUsageOverview } from "./transport/grpc/get-usage-overview.js";
import { listReportRuns } from "./transport/grpc/list-report-runs.js";
import { listReports } from "./transport/grpc/list-reports.js";
import { queryUsage } from "./transport/grpc/query-usage.js";
import { runReport } from "./transport/grpc/run-report.js";
import { onBatchEvents } from "./transport/kafka/on-batch-event.js";
import { onUsageEvents } from "./transport/kafka/on-usage-event.js";
import { onWebhookAttemptEvents } from "./transport/kafka/on-webhook-attempt-event.js";
import { readUsageRecord } from "./transport/kafka/usage-event-reader.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "analytics", mainModuleUrl: import.meta.url, config });

// Usage queries need Postgres; they are answered while Kafka is away (counting resumes after).
const postgres = service.postgres(config, { readiness: "essential", replicas: true });
const domain = buildDomain(config, postgres.primary, postgres.replicas[0] ?? postgres.primary);
// Partitions ahead, retention by dropping partitions, the de-duplication window (the ingest also
// creates a missing partition itself, so a late first run delays only retention).
// Batch outcomes and webhook hours past their retention go in the same job.
const maintain = async () => {
  await domain.ingest.maintain();
  await domain.batches.maintain();
  await domain.webhooks.maintain();
};
maintain().catch((error: unknown) =>
  service.logger.warn({ err: error }, "rollup maintenance failed"),
);
service.every("rollup-maintenance", config.ROLLUP_MAINTENANCE_INTERVAL_MS, maintain);

// De-duplication lives in Postgres (usage_events_seen), in the transaction that counts a batch.
const kafka = service.kafka(config, { readiness: "reported" });
service.consumer({
  kafka,
  groupId: config.USAGE_CONSUMER_GROUP,
  topics: [config.USAGE_TOPIC],
  batchHandler: onUsageEvents(domain.ingest),
  read: readUsageRecord,
  fetch: {
    minBytes: config.USAGE_FETCH_MIN_BYTES,
    maxWaitTimeInMs: config.USAGE_FETCH_MAX_WAIT_MS,
  },
  merge: { maxEvents: config.USAGE_MERGE_MAX_EVENTS, maxWaitMs: config.USAGE_MERGE_MAX_WAIT_MS },
  partitionsConsumedConcurrently: config.USAGE_PARTITIONS_CONCURRENTLY,
});

// Batch endings for the admin overview's throughput (upserts that a redelivery leaves as is).
service.consumer({
  kafka,
  groupId: config.BATCH_CONSUMER_GROUP,
  topics: [TOPICS.batchEvents],
  batchHandler: onBatchEvents(domain.batches),
  fetch: { maxWaitTimeInMs: config.OUTCOME_FETCH_MAX_WAIT_MS },
});

// Webhook delivery attempts for the admin overview's success rate, each counted once by its id.
service.consumer({
  kafka,
  groupId: config.WEBHOOK_CONSUMER_GROUP,
  topics: [TOPICS.webhookAttempts],
  batchHandler: onWebhookAttemptEvents(domain.webhooks),
  fetch: { maxWaitTimeInMs: config.OUTCOME_FETCH_MAX_WAIT_MS },
});

// Scheduled reports: each due one is claimed with FOR UPDATE SKIP LOCKED, run, stored and
// announced (orrery.report.ready through the outbox) in one transaction.
service.every("report-schedules", config.REPORT_SCHEDULE_INTERVAL_MS, () =>
  domain.scheduler.runDue(),
);
service.outboxRelay(postgres, service.publisher(kafka));

service.grpcServer(config).register(AnalyticsService, {
  getKeyUsage: getKeyUsage(domain.keyUsage),
  queryUsage: queryUsage(domain.reports),
  getUsageOverview: getUsageOverview(domain.overviews, domain.batches, domain.webhooks),
  createReport: createReport(domain.savedReports),
  listReports: listReports(domain.savedReports),
  getReport: getReport(domain.savedReports),
  deleteReport: deleteReport(domain.savedReports),
  runReport: runReport(domain.runs),
  listReportRuns: listReportRuns(domain.runs),
  getReportRun: getReportRun(domain.runs),
});
await service.start();
