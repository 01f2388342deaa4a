import type { RequestListener, Server } from "node:http";
import { hostname } from "node:os";
import { AstrologyService } from "@orrery/astro-service";
import type { ServiceBootstrap } from "@orrery/bootstrap";
import { PopularityCounter, TwoLevelCache, WarmingCoordinator } from "@orrery/cache";
import { BufferedPublisher, RedisEventJournal, TOPICS } from "@orrery/events";
import { RedisLimitStore } from "@orrery/limits";
import { loadPlaces } from "@orrery/places";
import type { PolicyStore } from "@orrery/policy";
import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { AccountService } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import { BatchService } from "@orrery/proto/batch/v1/batch";
import { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { Logger } from "@orrery/telemetry";
import type { Redis } from "ioredis";
import type { Kafka } from "kafkajs";
import {
  createKeyManagementClients,
  type KeyManagementClients,
} from "./adapters/api-key-clients.js";
import {
  invalidateOnAccountEvent,
  subscribeToInvalidations,
} from "./adapters/api-key-invalidations.js";
import { VerificationCache } from "./adapters/api-key-verification-cache.js";
import { createApiKeyVerifier } from "./adapters/api-key-verifier.js";
import { type BatchClient, createBatchClient } from "./adapters/batch-client.js";
import { grpcHealthProbe } from "./adapters/downstream-probes.js";
import { RateLimitServiceClient } from "./adapters/rate-limit-service-client.js";
import { redisIdempotencyStore } from "./adapters/redis-idempotency-store.js";
import { RedisLimitDecider } from "./adapters/redis-limit-decider.js";
import { startResultCacheMaintenance } from "./adapters/result-cache-maintenance.js";
import { createWebhookClient, type WebhookClient } from "./adapters/webhook-client.js";
import type { Config } from "./config.js";
import type { DownstreamProbe } from "./domain/platform-health.js";
import { createHttpServer } from "./transport/http/http-server.js";
import { realtimeProxy } from "./transport/http/realtime-proxy.js";
import type { RealtimeTokenDependencies } from "./transport/http/v1-realtime-token-create.js";

/** The two-level result cache under `name` on the given Redis, and its popularity counts. */
export function resultCache(redis: Redis, config: Config, logger: Logger, name: string) {
  const cache = new TwoLevelCache({
    name,
    redis,
    redisUrl: config.REDIS_URL,
    l1MaxBytes: config.CACHE_L1_MAX_BYTES,
    ttlMs: config.CACHE_TTL_MS,
    ttlJitter: config.CACHE_TTL_JITTER,
    graceMs: config.CACHE_GRACE_MS,
    l2CircuitBreakerMs: config.CACHE_L2_BREAKER_MS,
    logger,
  });
  const popularity = new PopularityCounter(redis, {
    name,
    maxTracked: config.CACHE_POPULARITY_MAX_TRACKED,
  });
  return { cache, popularity };
}

/**
 * The engine's results cached in two levels (L1 here, L2 on the shared Redis), and the
 * background work that keeps them warm: popularity counts and scheduled warm runs.
 */
export function wireAstrology(service: ServiceBootstrap, redis: Redis, config: Config) {
  const name = "orrery:gateway:results";
  const { cache, popularity } = resultCache(redis, config, service.logger, name);
  service.onShutdown("result-cache", () => cache.close());
  const astrology = new AstrologyService(cache, popularity, process.versions.tz ?? "");
  // The city index (about a second to build): now, not on the first request that names a place.
  loadPlaces();
  const maintenance = startResultCacheMaintenance({
    popularity,
    warming: new WarmingCoordinator(redis, {
      name,
      lockTtlMs: config.CACHE_WARM_LOCK_TTL_MS,
      minIntervalMs: Math.floor(config.CACHE_WARM_INTERVAL_MS * 0.9),
    }),
    astrology,
    logger: service.logger,
    popularityFlushMs: config.CACHE_POPULARITY_FLUSH_MS,
    warmIntervalMs: config.CACHE_WARM_INTERVAL_MS,
    warmTopN: config.CACHE_WARM_TOP_N,
    firstWarmDelayMs: config.CACHE_FIRST_WARM_DELAY_MS,
  });
  service.onShutdown("result-cache-maintenance", () => maintenance.stop());
  return astrology;
}

/**
 * Verified keys cached in two levels (this process, Redis) and dropped on every replica when
 * their account changes: api-key's pub/sub message first, the orrery.accounts.v1 event for sure.
 */
export function wireVerifications(service: ServiceBootstrap, kafka: Kafka, config: Config) {
  const verifier = createApiKeyVerifier(config.APIKEY_SERVICE_URL, config.DOWNSTREAM_TIMEOUT_MS);
  service.onShutdown("api-key-verifier", async () => verifier.close());
  const verifications = new VerificationCache({
    // Its own connection: every authenticated request that misses L1 waits on it, behind no
    // cached chart, and with a tighter timeout than the shared one.
    redis: service.redis(config.REDIS_URL, {
      connectionName: "gateway-auth",
      commandTimeoutMs: config.AUTH_CACHE_REDIS_TIMEOUT_MS,
    }),
    verify: (key) => verifier.verify(key),
    enabled: config.AUTH_CACHE_ENABLED,
    l1TtlMs: config.AUTH_CACHE_L1_TTL_MS,
    l2TtlMs: config.AUTH_CACHE_L2_TTL_MS,
    l1MaxEntries: config.AUTH_CACHE_L1_MAX_ENTRIES,
    l2BreakerMs: config.AUTH_CACHE_L2_BREAKER_MS,
    logger: service.logger,
  });
  const subscription = subscribeToInvalidations(verifications, config.REDIS_URL, service.logger);
  service.onShutdown("auth-invalidations", async () => subscription.close());
  service.broadcastConsumer({
    kafka,
    groupPrefix: "gateway-auth",
    topics: [TOPICS.accounts],
    handler: invalidateOnAccountEvent(verifications),
  });
  service.every("auth-invalidation-retry", config.AUTH_INVALIDATION_RETRY_MS, () =>
    verifications.retryPendingInvalidations(),
  );
  return verifications;
}

/**
 * Decisions straight against rate-limit's Redis (one round trip, libs/limits), on a connection
 * whose command timeout is the decision's deadline; accounts the gateway cannot describe, and
 * usage reports, go to the rate-limit service.
 */
export function wireRateLimits(service: ServiceBootstrap, policies: PolicyStore, config: Config) {
  const client = new RateLimitServiceClient({
    target: config.RATELIMIT_SERVICE_URL,
    timeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
    usageTimeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
  });
  service.onShutdown("rate-limit-client", async () => client.close());
  const redis = service.redis(config.RATE_LIMIT_REDIS_URL ?? config.REDIS_URL, {
    connectionName: "gateway-rate-limit",
    readiness: "reported",
    dependency: "rate-limit-redis",
    commandTimeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
  });
  return new RedisLimitDecider({
    store: new RedisLimitStore(redis),
    policy: () => policies.policy,
    service: client,
  });
}

/**
 * One usage event per request, batched; never blocks a response. Kafka away for longer than the
 * memory buffer lasts, the events wait in a journal in Redis (bounded; drops counted).
 */
export function wireUsageEvents(service: ServiceBootstrap, kafka: Kafka, config: Config) {
  const journal =
    config.USAGE_EVENTS_JOURNAL_MAX_EVENTS === 0
      ? undefined
      : new RedisEventJournal({
          // Its own connection: a spill may wait longer than a cache lookup should.
          redis: service.redis(config.REDIS_URL, {
            connectionName: "gateway-usage-journal",
            commandTimeoutMs: config.USAGE_EVENTS_JOURNAL_TIMEOUT_MS,
          }),
          key: config.USAGE_EVENTS_JOURNAL_KEY,
          consumer: `${hostname()}:${process.pid}`,
          maxEvents: config.USAGE_EVENTS_JOURNAL_MAX_EVENTS,
          claimTimeoutMs: config.USAGE_EVENTS_JOURNAL_CLAIM_MS,
        });
  const usageEvents = new BufferedPublisher({
    publisher: service.publisher(kafka),
    logger: service.logger,
    maxBuffered: config.USAGE_EVENTS_MAX_BUFFERED,
    flushIntervalMs: config.USAGE_EVENTS_FLUSH_MS,
    maxBatch: config.USAGE_EVENTS_MAX_BATCH,
    journal,
  });
  usageEvents.start();
  service.onShutdown("usage-events", () => usageEvents.stop());
  return usageEvents;
}

/**
 * The clients behind /v1/keys, /v1/accounts and /v1/webhooks, and what GET /v1/health probes:
 * each service the gateway calls, for each gRPC service it calls there.
 */
export function wireDownstream(
  service: ServiceBootstrap,
  config: Config,
): {
  keyManagement: KeyManagementClients;
  webhookClient: WebhookClient;
  batchClient: BatchClient;
  downstream: DownstreamProbe[];
} {
  const timeoutMs = config.DOWNSTREAM_TIMEOUT_MS;
  const keyManagement = createKeyManagementClients({
    apiKeyTarget: config.APIKEY_SERVICE_URL,
    analyticsTarget: config.ANALYTICS_SERVICE_URL,
    timeoutMs,
  });
  const webhookClient = createWebhookClient({ target: config.WEBHOOK_SERVICE_URL, timeoutMs });
  const batchClient = createBatchClient({ target: config.BATCH_SERVICE_URL, timeoutMs });
  const probes = [
    grpcHealthProbe(
      "api-key",
      config.APIKEY_SERVICE_URL,
      [ApiKeyService, AccountService],
      timeoutMs,
    ),
    grpcHealthProbe("rate-limit", config.RATELIMIT_SERVICE_URL, [RateLimitService], timeoutMs),
    grpcHealthProbe("analytics", config.ANALYTICS_SERVICE_URL, [AnalyticsService], timeoutMs),
    grpcHealthProbe("webhook-dispatcher", config.WEBHOOK_SERVICE_URL, [WebhookService], timeoutMs),
    grpcHealthProbe("batch-worker", config.BATCH_SERVICE_URL, [BatchService], timeoutMs),
  ];
  service.onShutdown("grpc-clients", async () => {
    keyManagement.close();
    webhookClient.close();
    batchClient.close();
    for (const probe of probes) probe.close();
  });
  return { keyManagement, webhookClient, batchClient, downstream: probes };
}

/** POST /v1/realtime/token, when the token secret shared with realtime is configured. */
export function wireRealtimeTokens(
  policies: PolicyStore,
  config: Config,
): { realtime?: RealtimeTokenDependencies } {
  if (config.REALTIME_TOKEN_SECRET === undefined) return {};
  return {
    realtime: {
      secret: config.REALTIME_TOKEN_SECRET,
      ttlMs: config.REALTIME_TOKEN_TTL_MS,
      policy: () => policies.policy,
      now: () => Date.now(),
    },
  };
}

/** Idempotency keys of POSTs, kept in the shared Redis. */
export function wireIdempotency(redis: Redis, config: Config) {
  return {
    store: redisIdempotencyStore(redis),
    policy: {
      retentionMs: config.IDEMPOTENCY_RETENTION_MS,
      pendingTtlMs: config.IDEMPOTENCY_PENDING_TTL_MS,
      waitMs: config.IDEMPOTENCY_WAIT_MS,
      pollMs: config.IDEMPOTENCY_POLL_MS,
    },
  };
}

/**
 * The public HTTP server: the API, and realtime's WebSocket upgrades and event stream relayed
 * to its pods when REALTIME_URL is set; with what to do before it closes (drain the relays).
 */
export function wirePublicServer(
  app: RequestListener,
  service: ServiceBootstrap,
  config: Config,
): [Server, { beforeClose: () => Promise<void> }] {
  const realtime =
    config.REALTIME_URL === undefined
      ? undefined
      : realtimeProxy({ target: config.REALTIME_URL, logger: service.logger });
  const server = createHttpServer(
    realtime === undefined
      ? app
      : (request, response) => {
          if (!realtime.stream(request, response)) app(request, response);
        },
    { maxHeaderBytes: config.HTTP_MAX_HEADER_BYTES, maxHeaders: config.HTTP_MAX_HEADERS },
  );
  server.on("upgrade", (request, socket, head) => {
    if (realtime?.upgrade(request, socket, head) !== true) socket.destroy();
  });
  return [server, { beforeClose: async () => realtime?.drain() }];
}
