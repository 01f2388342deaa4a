import { createServer } from "node:http";
import { createRedisConnection, redisReadinessCheck } from "@orrery/cache";
import { createKafka, kafkaDependency } from "@orrery/events";
import { createServiceRuntime, httpServable } from "@orrery/lifecycle";
import { grpcHealthProbe, httpReadinessProbe } from "./adapters/downstream-probes.js";
import { createApp } from "./app.js";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "gateway",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const redis = createRedisConnection(config.REDIS_URL, { connectionName: "gateway" });
lifecycle.manage("redis", { check: redisReadinessCheck(redis), close: () => redis.quit() });

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "gateway",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));

const grpcProbes = [
  grpcHealthProbe("api-key", config.APIKEY_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS),
  grpcHealthProbe("rate-limit", config.RATELIMIT_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS),
  grpcHealthProbe("webhook-dispatcher", config.WEBHOOK_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS),
  grpcHealthProbe("batch-worker", config.BATCH_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS),
  grpcHealthProbe("analytics", config.ANALYTICS_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS),
];
lifecycle.onShutdown("grpc-clients", async () => {
  for (const probe of grpcProbes) probe.close();
});

const app = createApp({
  logger,
  lifecycle,
  version: runtime.version,
  downstream: [
    ...grpcProbes,
    httpReadinessProbe("realtime", config.REALTIME_URL, config.DOWNSTREAM_TIMEOUT_MS),
  ],
  metricsHandler: runtime.metricsHandler,
});

const server = createServer(app);
server.keepAliveTimeout = 65_000;
await runtime.serve({
  servers: [httpServable("http", server, config.BIND_HOST, config.HTTP_PORT)],
});
