import { createPgPool, postgresReadinessCheck } from "@orrery/db";
import { createKafka, kafkaDependency } from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { createRpcServer } from "@orrery/rpc";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "webhook-dispatcher",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const pool = createPgPool({ url: config.DATABASE_URL, applicationName: "webhook-dispatcher" });
lifecycle.manage("postgres", { check: postgresReadinessCheck(pool), close: () => pool.end() });

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "webhook-dispatcher",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));

const grpc = createRpcServer({
  logger,
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
});
grpc.register(WebhookService, {});

await runtime.serve({ servers: [grpc], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
