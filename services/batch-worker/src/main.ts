import { bootstrapService } from "@orrery/bootstrap";
import { BatchService } from "@orrery/proto/batch/v1/batch";
import { loadServiceConfig } from "./config.js";
import { batchService } from "./transport/grpc/services.js";
import { onBatchItem } from "./transport/kafka/on-batch-item.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({
  service: "batch-worker",
  mainModuleUrl: import.meta.url,
  config,
});

// Batches, items and results live in Postgres; work units and events leave through the outbox.
const postgres = service.postgres(config, { readiness: "essential" });
const kafka = service.kafka(config, { readiness: "reported" });
service.outboxRelay(postgres, service.publisher(kafka));

// Live progress counters of running batches; Postgres stays the record (reads fall back to it).
const redis = service.redis(config.REDIS_URL, {
  connectionName: "batch-worker",
  readiness: "reported",
});
const domain = buildDomain(config, postgres.primary, redis);
service.onShutdown("worker-pool", () => domain.computer.close());

const units = onBatchItem(domain.units);
service.consumer({
  kafka,
  groupId: config.BATCH_CONSUMER_GROUP,
  topics: units.topics,
  handler: units.handler,
  partitionsConsumedConcurrently: config.BATCH_PARTITIONS_CONCURRENTLY,
});
service.every("batch-expiry", config.BATCH_EXPIRY_INTERVAL_MS, () =>
  domain.store.expireDue(new Date(), 100),
);
service.every("batch-retention", config.BATCH_RETENTION_INTERVAL_MS, () =>
  domain.store.deleteFinishedBefore(new Date(Date.now() - config.BATCH_RETENTION_MS), 1_000),
);

service.grpcServer(config).register(BatchService, batchService(domain.batches));
await service.start();
