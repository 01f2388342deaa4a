import { createRedisConnection, redisReadinessCheck } from "@orrery/cache";
import { createKafka, kafkaDependency } from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "realtime",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const redis = createRedisConnection(config.REDIS_URL, { connectionName: "realtime" });
lifecycle.manage("redis", { check: redisReadinessCheck(redis), close: () => redis.quit() });

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "realtime",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));

// The HTTP server is /healthz, /readyz and /metrics for now; the WebSocket endpoint
// (/v1/realtime) attaches to it when the realtime capability is built.
await runtime.serve({ servers: [], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
