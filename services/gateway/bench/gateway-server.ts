import { createServer } from "node:http";
import { AstrologyService } from "@orrery/astro-service";
import { createRedisConnection } from "@orrery/cache";
import { Lifecycle } from "@orrery/lifecycle";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { createLogger, startTelemetry } from "@orrery/telemetry";
import { RateLimitServiceClient } from "../dist/adapters/rate-limit-service-client.js";
import { redisIdempotencyStore } from "../dist/adapters/redis-idempotency-store.js";
import { createApp } from "../dist/app.js";
import { loadServiceConfig } from "../dist/config.js";
import { resultCache } from "../dist/wiring.js";

/**
 * The gateway as main.ts wires it (telemetry, tracing, compression, validation, idempotency,
 * two-level result cache on the stack's Redis) but without the authentication and rate-limit
 * guards, which call other services and have benchmarks of their own: this measures the API
 * and its cache. Started by run.ts; reports its port over IPC.
 */
const config = loadServiceConfig();
const telemetry = startTelemetry({
  serviceName: "gateway-bench",
  serviceVersion: "bench",
  disabled: config.OTEL_SDK_DISABLED,
  tracesExporter: config.OTEL_TRACES_EXPORTER,
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
});
const logger = createLogger({ service: "gateway-bench", level: config.LOG_LEVEL });
const redis = createRedisConnection(config.REDIS_URL, {
  connectionName: "gateway-bench",
  commandTimeoutMs: 250,
});
const name = `orrery:bench:${process.pid}`;
const { cache, popularity } = resultCache(redis, config, logger, name);
const flush = setInterval(() => popularity.flush().catch(() => undefined), 5_000);
const policy = loadPolicyFile(defaultPolicyPath);
const rateLimits = new RateLimitServiceClient({
  target: config.RATELIMIT_SERVICE_URL,
  timeoutMs: 1_000,
  usageTimeoutMs: 1_000,
});
const app = createApp({
  logger,
  lifecycle: new Lifecycle({ logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }),
  version: "bench",
  downstream: [],
  metricsHandler: telemetry.metricsHandler,
  astrology: new AstrologyService(cache, popularity, process.versions.tz ?? ""),
  guards: {},
  rateLimits,
  idempotency: {
    store: redisIdempotencyStore(redis),
    policy: {
      retentionMs: config.IDEMPOTENCY_RETENTION_MS,
      pendingTtlMs: config.IDEMPOTENCY_PENDING_TTL_MS,
      waitMs: 10_000,
      pollMs: config.IDEMPOTENCY_POLL_MS,
    },
  },
  policy: () => policy,
  http: {
    maxBodyBytes: config.HTTP_MAX_BODY_BYTES,
    maxHeaders: config.HTTP_MAX_HEADERS,
    corsAllowedOrigins: [],
  },
});
const server = createServer(app);
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
process.on("SIGTERM", () => {
  clearInterval(flush);
  server.close();
  server.closeAllConnections();
  void cache
    .clear()
    .then(() => cache.close())
    .finally(() => {
      rateLimits.close();
      redis.disconnect();
      void telemetry.shutdown().finally(() => process.exit(0));
    });
});
