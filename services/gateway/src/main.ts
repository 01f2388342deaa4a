import { bootstrapService } from "@orrery/bootstrap";
import { redisIdempotencyStore } from "./adapters/redis-idempotency-store.js";
import { createApp } from "./app.js";
import { loadServiceConfig } from "./config.js";
import { createHttpServer } from "./transport/http/http-server.js";
import { authenticate } from "./transport/http/middleware/authenticate.js";
import { enforceRateLimits } from "./transport/http/middleware/rate-limit.js";
import { realtimeProxy } from "./transport/http/realtime-proxy.js";
import {
  wireAstrology,
  wireDownstream,
  wireRateLimits,
  wireUsageEvents,
  wireVerifications,
} from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "gateway", mainModuleUrl: import.meta.url, config });
const { logger } = service;
const policies = service.policies(config.RATE_LIMIT_POLICY_FILE);

// Nothing is essential to the gateway: charts are computed without Redis (L1 and the engine),
// keys verified by api-key, limits decided by the plan's fail mode, usage events buffered.
const redis = service.redis(config.REDIS_URL, {
  connectionName: "gateway",
  readiness: "reported",
  commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
});
const kafka = service.kafka(config, { readiness: "reported" });

const rateLimits = wireRateLimits(service, policies, config);
const { keyManagement, webhookClient, batchClient, downstream } = wireDownstream(service, config);
const rateLimitGuard = enforceRateLimits({
  checker: rateLimits,
  policy: () => policies.policy,
  logger,
});
const app = createApp({
  logger,
  lifecycle: service.lifecycle,
  version: service.version,
  downstream,
  metricsHandler: service.metricsHandler,
  astrology: wireAstrology(service, redis, config),
  guards: {
    authenticate: authenticate(wireVerifications(service, kafka, config)),
    rateLimit: rateLimitGuard,
  },
  rateLimits,
  policy: () => policies.policy,
  keyManagement,
  webhooks: { client: webhookClient, policy: () => policies.policy },
  ...(config.REALTIME_TOKEN_SECRET === undefined
    ? {}
    : {
        realtime: {
          secret: config.REALTIME_TOKEN_SECRET,
          ttlMs: config.REALTIME_TOKEN_TTL_MS,
          policy: () => policies.policy,
          now: () => Date.now(),
        },
      }),
  batches: {
    client: batchClient,
    policy: () => policies.policy,
    chargeItems: rateLimitGuard,
    maxUploadBytes: config.BATCH_MAX_UPLOAD_BYTES,
    maxItemBytes: config.BATCH_MAX_ITEM_BYTES,
  },
  usageEvents: wireUsageEvents(service, kafka, config),
  idempotency: {
    store: redisIdempotencyStore(redis),
    policy: {
      retentionMs: config.IDEMPOTENCY_RETENTION_MS,
      pendingTtlMs: config.IDEMPOTENCY_PENDING_TTL_MS,
      waitMs: config.IDEMPOTENCY_WAIT_MS,
      pollMs: config.IDEMPOTENCY_POLL_MS,
    },
  },
  http: {
    maxBodyBytes: config.HTTP_MAX_BODY_BYTES,
    maxHeaders: config.HTTP_MAX_HEADERS,
    corsAllowedOrigins: config.CORS_ALLOWED_ORIGINS ?? [],
  },
});
// realtime's WebSocket and event stream on the public port, relayed to its pods.
const realtime =
  config.REALTIME_URL === undefined
    ? undefined
    : realtimeProxy({ target: config.REALTIME_URL, logger });
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
service.httpServer(server, { beforeClose: async () => realtime?.drain() });
await service.start();
