import { createPgPool, createPrismaClient, postgresReadinessCheck } from "@orrery/db";
import {
  createKafka,
  EventConsumer,
  EventPublisher,
  kafkaDependency,
  OutboxRelay,
  TOPICS,
} from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { createRpcServer } from "@orrery/rpc";
import { PrismaKeyUsageStore } from "./adapters/prisma-key-usage-store.js";
import { loadServiceConfig } from "./config.js";
import { KeyUsage } from "./domain/key-usage.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { getKeyUsage } from "./transport/grpc/get-key-usage.js";
import { onUsageEvent } from "./transport/kafka/on-usage-event.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "analytics",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const pool = createPgPool({ url: config.DATABASE_URL, applicationName: "analytics" });
lifecycle.manage("postgres", { check: postgresReadinessCheck(pool), close: () => pool.end() });
const prisma = createPrismaClient(PrismaClient, {
  url: config.DATABASE_URL,
  replicaUrls: config.DATABASE_REPLICA_URLS,
  poolSize: config.DATABASE_POOL_SIZE,
  applicationName: "analytics",
});
lifecycle.onShutdown("prisma", () => prisma.$disconnect());
const store = new PrismaKeyUsageStore(prisma);
const usage = new KeyUsage(store, () => new Date());
const prune = setInterval(
  () =>
    void store.pruneSeenEvents().catch((error: unknown) => {
      logger.warn({ err: error }, "pruning counted usage event ids failed");
    }),
  60 * 60 * 1000,
);
prune.unref();
lifecycle.onShutdown("prune-timer", async () => clearInterval(prune));

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "analytics",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));
const publisher = new EventPublisher({ kafka, source: "/orrery/analytics", logger });
lifecycle.onShutdown("kafka-producer", () => publisher.disconnect());
const outbox = new OutboxRelay({ pool, publisher, logger });
outbox.start();
lifecycle.onShutdown("outbox-relay", () => outbox.stop());

// De-duplication lives in Postgres (usage_events_seen), in the statement that counts.
const usageConsumer = new EventConsumer({
  kafka,
  groupId: "analytics-key-usage",
  topics: [TOPICS.usage],
  handler: onUsageEvent(usage),
  logger,
});
lifecycle.addReadinessCheck("usage-consumer", async () => {
  if (!usageConsumer.healthy) throw new Error("usage consumer is not running");
});
lifecycle.onShutdown("usage-consumer", () => usageConsumer.stop());

const grpc = createRpcServer({
  logger,
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
});
grpc.register(AnalyticsService, { getKeyUsage: getKeyUsage(usage) });

await runtime.serve({ servers: [grpc], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
// Usage queries are served while Kafka is unreachable; consumption starts when it answers.
await usageConsumer.startWhenReachable();
