import { bootstrapService } from "@orrery/bootstrap";
import { TOPICS } from "@orrery/events";
import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { PrismaKeyUsageStore } from "./adapters/prisma-key-usage-store.js";
import { loadServiceConfig } from "./config.js";
import { KeyUsage } from "./domain/key-usage.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { getKeyUsage } from "./transport/grpc/get-key-usage.js";
import { onUsageEvent } from "./transport/kafka/on-usage-event.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "analytics", mainModuleUrl: import.meta.url, config });

// Usage queries need Postgres; they are answered while Kafka is away (counting resumes after).
const postgres = service.postgres(config, { readiness: "essential", replicas: true });
const store = new PrismaKeyUsageStore(service.prisma(PrismaClient, postgres));
const usage = new KeyUsage(store, () => new Date());
service.every("prune-seen-events", 60 * 60 * 1000, () => store.pruneSeenEvents());

// De-duplication lives in Postgres (usage_events_seen), in the statement that counts.
const kafka = service.kafka(config, { readiness: "reported" });
service.consumer({
  kafka,
  groupId: config.USAGE_CONSUMER_GROUP,
  topics: [TOPICS.usage],
  handler: onUsageEvent(usage),
});

service.grpcServer(config).register(AnalyticsService, { getKeyUsage: getKeyUsage(usage) });
await service.start();
