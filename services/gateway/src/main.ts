import { bootstrapService } from "@orrery/bootstrap";
import { createApp } from "./app.js";
import { loadServiceConfig } from "./config.js";
import { authenticate } from "./transport/http/middleware/authenticate.js";
import { enforceRateLimits } from "./transport/http/middleware/rate-limit.js";
import {
  wireAstrology,
  wireDownstream,
  wireIdempotency,
  wirePublicServer,
  wireRateLimits,
  wireRealtimeTokens,
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
  ...wireRealtimeTokens(policies, config),
  batches: {
    client: batchClient,
    policy: () => policies.policy,
    chargeItems: rateLimitGuard,
    maxUploadBytes: config.BATCH_MAX_UPLOAD_BYTES,
    maxItemBytes: config.BATCH_MAX_ITEM_BYTES,
  },
  usageEvents: wireUsageEvents(service, kafka, config),
  idempotency: wireIdempotency(redis, config),
  http: {
    maxBodyBytes: config.HTTP_MAX_BODY_BYTES,
    maxHeaders: config.HTTP_MAX_HEADERS,
    corsAllowedOrigins: config.CORS_ALLOWED_ORIGINS ?? [],
  },
});
service.httpServer(...wirePublicServer(app, service, config));
await service.start();
