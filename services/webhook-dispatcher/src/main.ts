import { bootstrapService } from "@orrery/bootstrap";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { PostgresWakeListener } from "./adapters/postgres-wake-listener.js";
import { loadServiceConfig } from "./config.js";
import { webhookService } from "./transport/grpc/services.js";
import { accountEventHandlers } from "./transport/kafka/consumers.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({
  service: "webhook-dispatcher",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger } = service;

// Endpoints, messages and attempts live in Postgres; events from Kafka wait there while it is
// away, and deliveries go on from what is already queued.
const postgres = service.postgres(config, { readiness: "essential" });
const kafka = service.kafka(config, { readiness: "reported" });
service.outboxRelay(postgres, service.publisher(kafka));

const domain = buildDomain(config, postgres.primary, logger, service.version);
domain.dispatcher.start();
domain.maintenance.start();
const wakeListener = new PostgresWakeListener(
  postgres.primary,
  () => domain.dispatcher.wake(),
  (error) => logger.warn({ err: error }, "LISTEN webhook_messages lost; reconnecting"),
);
wakeListener.start();
service.onShutdown("dispatcher", async () => {
  await wakeListener.stop();
  await domain.maintenance.stop();
  await domain.dispatcher.stop();
  await domain.sender.close();
});

const events = accountEventHandlers(domain.messages);
service.consumer({
  kafka,
  groupId: config.WEBHOOK_CONSUMER_GROUP,
  topics: events.topics,
  handler: events.handler,
});

service.grpcServer(config).register(WebhookService, webhookService(domain));
await service.start();
