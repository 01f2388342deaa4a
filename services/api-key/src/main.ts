import { createRedisConnection } from "@orrery/cache";
import { createPgPool, postgresReadinessCheck } from "@orrery/db";
import { createKafka, EventPublisher, kafkaDependency, OutboxRelay } from "@orrery/events";
import { createServiceRuntime } from "@orrery/lifecycle";
import { AccountService } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import { createRpcServer } from "@orrery/rpc";
import { RedisCacheInvalidator } from "./adapters/redis-cache-invalidator.js";
import { loadServiceConfig } from "./config.js";
import { accountService, apiKeyService } from "./transport/grpc/services.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "api-key",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const pool = createPgPool({ url: config.DATABASE_URL, applicationName: "api-key" });
lifecycle.manage("postgres", { check: postgresReadinessCheck(pool), close: () => pool.end() });

// Publishing invalidations is best effort (the outbox event follows), so Redis is not a
// readiness dependency: verification keeps working while it is down.
const redis = createRedisConnection(config.REDIS_URL, {
  connectionName: "api-key",
  commandTimeoutMs: 500,
});
lifecycle.onShutdown("redis", async () => {
  await redis.quit();
});

const domain = buildDomain(config, logger, new RedisCacheInvalidator(redis));
lifecycle.onShutdown("prisma", async () => {
  await domain.prisma.$disconnect();
  await domain.lookupPool.end();
});
const lastUsedTimer = setInterval(
  () => void domain.lastUsed.flush(),
  config.LAST_USED_FLUSH_INTERVAL_MS,
);
lastUsedTimer.unref();
lifecycle.onShutdown("last-used", async () => {
  clearInterval(lastUsedTimer);
  await domain.lastUsed.flush();
});

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "api-key",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));
const publisher = new EventPublisher({ kafka, source: "/orrery/api-key", logger });
lifecycle.onShutdown("kafka-producer", () => publisher.disconnect());
const outbox = new OutboxRelay({ pool, publisher, logger });
outbox.start();
lifecycle.onShutdown("outbox-relay", () => outbox.stop());

const grpc = createRpcServer({
  logger,
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
});
grpc.register(ApiKeyService, apiKeyService(domain.keys));
grpc.register(AccountService, accountService(domain.accounts));

await runtime.serve({ servers: [grpc], ops: { host: config.BIND_HOST, port: config.HTTP_PORT } });
