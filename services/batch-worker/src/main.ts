import { createRedisConnection, redisReadinessCheck } from "@orrery/cache";
import { createPgPool, postgresReadinessCheck } from "@orrery/db";
import { createKafka, kafkaDependency } from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { BatchService } from "@orrery/proto/batch/v1/batch";
import { createRpcServer } from "@orrery/rpc";
import { loadServiceConfig } from "./config.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "batch-worker",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const pool = createPgPool({ url: config.DATABASE_URL, applicationName: "batch-worker" });
lifecycle.manage("postgres", { check: postgresReadinessCheck(pool), close: () => pool.end() });

const redis = createRedisConnection(config.REDIS_URL, { connectionName: "batch-worker" });
lifecycle.manage("redis", { check: redisReadinessCheck(redis), close: () => redis.quit() });

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "batch-worker",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));

const grpc = createRpcServer({
  logger,
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
});
grpc.register(BatchService, {});

await runtime.serve({ servers: [grpc], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
