import { createPgPool, postgresReadinessCheck } from "@orrery/db";
import {
  createKafka,
  EventConsumer,
  EventPublisher,
  kafkaDependency,
  OutboxRelay,
} from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { createRpcServer } from "@orrery/rpc";
import { PostgresWakeListener } from "./adapters/postgres-wake-listener.js";
import { loadServiceConfig } from "./config.js";
import { webhookService } from "./transport/grpc/services.js";
import { accountEventHandlers } from "./transport/kafka/consumers.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "webhook-dispatcher",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const pool = createPgPool({
  url: config.DATABASE_URL,
  applicationName: "webhook-dispatcher",
  max: config.DATABASE_POOL_SIZE,
});
lifecycle.manage("postgres", { check: postgresReadinessCheck(pool), close: () => pool.end() });

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "webhook-dispatcher",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));
const publisher = new EventPublisher({ kafka, source: "/orrery/webhook-dispatcher", logger });
lifecycle.onShutdown("kafka-producer", () => publisher.disconnect());
const outbox = new OutboxRelay({ pool, publisher, logger });
outbox.start();
lifecycle.onShutdown("outbox-relay", () => outbox.stop());

const domain = buildDomain(config, pool, logger, runtime.version);
domain.dispatcher.start();
domain.maintenance.start();
const wakeListener = new PostgresWakeListener(
  pool,
  () => domain.dispatcher.wake(),
  (error) => logger.warn({ err: error }, "LISTEN webhook_messages lost; reconnecting"),
);
wakeListener.start();
lifecycle.onShutdown("dispatcher", async () => {
  await wakeListener.stop();
  await domain.maintenance.stop();
  await domain.dispatcher.stop();
  await domain.sender.close();
});

const events = accountEventHandlers(domain.messages);
const consumer = new EventConsumer({
  kafka,
  groupId: config.WEBHOOK_CONSUMER_GROUP,
  topics: events.topics,
  handler: events.handler,
  logger,
});
lifecycle.addReadinessCheck("event-consumer", async () => {
  if (!consumer.healthy) throw new Error("event consumer is not running");
});
lifecycle.onShutdown("event-consumer", () => consumer.stop());

const grpc = createRpcServer({
  logger,
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
});
grpc.register(WebhookService, webhookService(domain));

await runtime.serve({ servers: [grpc], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
// The API is served while Kafka is unreachable; consumption starts when it answers.
await consumer.startWhenReachable();
