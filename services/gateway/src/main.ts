import { createServer } from "node:http";
import {
  createRedisConnection,
  PopularityCounter,
  redisReadinessCheck,
  TwoLevelCache,
  WarmingCoordinator,
} from "@orrery/cache";
import { BufferedPublisher, createKafka, EventPublisher, kafkaDependency } from "@orrery/events";
import { createServiceRuntime, httpServable } from "@orrery/lifecycle";
import { RedisLimitStore } from "@orrery/limits";
import { loadPlaces } from "@orrery/places";
import { defaultPolicyPath, PolicyStore } from "@orrery/policy";
import { createKeyManagementClients } from "./adapters/api-key-clients.js";
import { startInvalidationListeners } from "./adapters/api-key-invalidations.js";
import { VerificationCache } from "./adapters/api-key-verification-cache.js";
import { createApiKeyVerifier } from "./adapters/api-key-verifier.js";
import { grpcHealthProbe, httpReadinessProbe } from "./adapters/downstream-probes.js";
import { RateLimitClient } from "./adapters/rate-limit-client.js";
import { redisIdempotencyStore } from "./adapters/redis-idempotency-store.js";
import { RedisRateLimiter } from "./adapters/redis-rate-limiter.js";
import { startResultCacheMaintenance } from "./adapters/result-cache-maintenance.js";
import { createWebhookClient } from "./adapters/webhook-client.js";
import { createApp } from "./app.js";
import { loadServiceConfig } from "./config.js";
import { AstrologyService } from "./domain/astrology.js";
import { authenticate } from "./transport/http/middleware/authenticate.js";
import { rateLimitGuard } from "./transport/http/middleware/rate-limit.js";
import type { RouteGuards } from "./transport/http/route.js";

const config = loadServiceConfig();
const runtime = createServiceRuntime({
  service: "gateway",
  mainModuleUrl: import.meta.url,
  config,
});
const { logger, lifecycle } = runtime;

const redis = createRedisConnection(config.REDIS_URL, { connectionName: "gateway" });
lifecycle.manage("redis", { check: redisReadinessCheck(redis), close: () => redis.quit() });

// Results of the astrology engine: L1 in-process, L2 Redis (its own fail-fast connection, with
// a short command timeout so a stalled Redis costs a request milliseconds, not seconds).
const cacheRedis = createRedisConnection(config.REDIS_URL, {
  connectionName: "gateway-cache",
  commandTimeoutMs: 250,
});
const resultCache = new TwoLevelCache({
  name: "orrery:gateway:results",
  redis: cacheRedis,
  redisUrl: config.REDIS_URL,
  l1MaxBytes: config.CACHE_L1_MAX_BYTES,
  ttlMs: config.CACHE_TTL_MS,
  ttlJitter: config.CACHE_TTL_JITTER,
  graceMs: config.CACHE_GRACE_MS,
  l2CircuitBreakerMs: config.CACHE_L2_BREAKER_MS,
  logger,
});
const popularity = new PopularityCounter(cacheRedis, {
  name: "orrery:gateway:results",
  maxTracked: 10_000,
});
const astrology = new AstrologyService(resultCache, popularity, process.versions.tz ?? "");
// The city index (about a second to build): now, not on the first request that names a place.
loadPlaces();
const maintenance = startResultCacheMaintenance({
  popularity,
  warming: new WarmingCoordinator(cacheRedis, {
    name: "orrery:gateway:results",
    lockTtlMs: 30_000,
    minIntervalMs: Math.floor(config.CACHE_WARM_INTERVAL_MS * 0.9),
  }),
  astrology,
  logger,
  popularityFlushMs: 5_000,
  warmIntervalMs: config.CACHE_WARM_INTERVAL_MS,
  warmTopN: config.CACHE_WARM_TOP_N,
  firstWarmDelayMs: 5_000,
});
lifecycle.onShutdown("result-cache", async () => {
  await maintenance.stop();
  await resultCache.close();
  await cacheRedis.quit();
});

const kafka = createKafka({
  brokers: config.KAFKA_BROKERS,
  clientId: config.KAFKA_CLIENT_ID ?? "gateway",
  logger,
});
lifecycle.manage("kafka", kafkaDependency(kafka));

// Authentication (issue 5): verified keys cached in two levels (this process, Redis) and dropped
// on every replica when their account changes (api-key's pub/sub message, orrery.accounts.v1).
const authRedis = createRedisConnection(config.REDIS_URL, {
  connectionName: "gateway-auth",
  commandTimeoutMs: 100,
});
const verifier = createApiKeyVerifier(config.APIKEY_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS);
const verifications = new VerificationCache({
  redis: authRedis,
  verify: (key) => verifier.verify(key),
  enabled: config.AUTH_CACHE_ENABLED,
  l1TtlMs: config.AUTH_CACHE_L1_TTL_MS,
  l2TtlMs: config.AUTH_CACHE_L2_TTL_MS,
  l1MaxEntries: config.AUTH_CACHE_L1_MAX_ENTRIES,
  l2BreakerMs: 2_000,
  logger,
});
const invalidations = startInvalidationListeners({
  cache: verifications,
  redisUrl: config.REDIS_URL,
  kafka,
  logger,
  retryIntervalMs: 1_000,
});
const keyManagement = createKeyManagementClients({
  apiKeyTarget: config.APIKEY_SERVICE_URL,
  analyticsTarget: config.ANALYTICS_SERVICE_URL,
  timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
});
lifecycle.onShutdown("authentication", async () => {
  await invalidations.stop();
  verifier.close();
  keyManagement.close();
  await authRedis.quit();
});

// One usage event per request, batched; never blocks a response (bounded buffer, drops counted).
const usagePublisher = new EventPublisher({ kafka, source: "/orrery/gateway", logger });
const usageEvents = new BufferedPublisher({
  publisher: usagePublisher,
  logger,
  maxBuffered: config.USAGE_EVENTS_MAX_BUFFERED,
  flushIntervalMs: config.USAGE_EVENTS_FLUSH_MS,
  maxBatch: 500,
});
usageEvents.start();
lifecycle.onShutdown("usage-events", async () => {
  await usageEvents.stop();
  await usagePublisher.disconnect();
});

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

// The tier policy (fail modes, route costs), reloaded on SIGHUP and when the file changes.
const policies = new PolicyStore({
  path: config.RATE_LIMIT_POLICY_FILE ?? defaultPolicyPath,
  onReload: (result) => {
    if ("error" in result) {
      logger.error({ err: result.error, keptVersion: result.version }, "policy reload refused");
    } else if (result.changed) {
      logger.info({ version: result.version }, "policy reloaded");
    }
  },
});
policies.watch();
process.on("SIGHUP", () => policies.reload());
lifecycle.onShutdown("policy-watch", async () => policies.close());
const rateLimitService = new RateLimitClient({
  target: config.RATELIMIT_SERVICE_URL,
  timeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
});
lifecycle.onShutdown("rate-limit-client", async () => rateLimitService.close());
// Decisions go straight to the rate-limit Redis (one round trip, libs/limits). Its own
// connection, with a command timeout so an unresponsive Redis costs a request
// RATE_LIMIT_TIMEOUT_MS before the plan's fail mode decides. Not a readiness dependency: a
// gateway without it still answers, as the fail modes say.
const rateLimitRedis = createRedisConnection(config.RATE_LIMIT_REDIS_URL ?? config.REDIS_URL, {
  connectionName: "gateway-rate-limit",
  commandTimeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
});
lifecycle.onShutdown("rate-limit-redis", async () => {
  await rateLimitRedis.quit();
});
const rateLimits = new RedisRateLimiter({
  store: new RedisLimitStore(rateLimitRedis),
  policy: () => policies.policy,
  service: rateLimitService,
});

// Authentication (issue 5) and rate limiting (issue 6) plug in here, in this order.
const guards: RouteGuards = {
  authenticate: authenticate(verifications),
  rateLimit: rateLimitGuard({ checker: rateLimits, policy: () => policies.policy, logger }),
};
if (guards.authenticate === undefined) {
  if (config.NODE_ENV === "production") {
    logger.fatal("refusing to start: no authentication guard is configured in production");
    process.exit(1);
  }
  logger.warn("authentication disabled (development mode): every route is open without an API key");
}

const webhookClient = createWebhookClient({
  target: config.WEBHOOK_SERVICE_URL,
  timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
});
lifecycle.onShutdown("webhook-client", async () => webhookClient.close());

const app = createApp({
  logger,
  lifecycle,
  version: runtime.version,
  downstream: [
    ...grpcProbes,
    httpReadinessProbe("realtime", config.REALTIME_URL, config.DOWNSTREAM_TIMEOUT_MS),
  ],
  metricsHandler: runtime.metricsHandler,
  astrology,
  guards,
  rateLimits,
  keyManagement,
  webhooks: { client: webhookClient, policy: () => policies.policy },
  usageEvents,
  idempotency: {
    store: redisIdempotencyStore(redis),
    policy: {
      retentionMs: config.IDEMPOTENCY_RETENTION_MS,
      pendingTtlMs: 60_000,
      waitMs: config.IDEMPOTENCY_WAIT_MS,
      pollMs: 25,
    },
  },
  http: {
    maxBodyBytes: config.HTTP_MAX_BODY_BYTES,
    corsAllowedOrigins: config.CORS_ALLOWED_ORIGINS ?? [],
  },
});

const server = createServer(app);
server.keepAliveTimeout = 65_000;
await runtime.serve({
  servers: [httpServable("http", server, config.BIND_HOST, config.HTTP_PORT)],
});
