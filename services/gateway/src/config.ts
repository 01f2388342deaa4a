import {
  booleanFlag,
  commaList,
  commonEnv,
  durationMs,
  kafkaEnv,
  loadConfig,
  port,
  redisEnv,
  serviceUrl,
  telemetryEnv,
  urlWithProtocol,
  z,
} from "@orrery/config";

const schema = z.object({
  ...commonEnv,
  ...telemetryEnv,
  ...kafkaEnv,
  ...redisEnv,
  HTTP_PORT: port(8080),
  APIKEY_SERVICE_URL: serviceUrl(),
  RATELIMIT_SERVICE_URL: serviceUrl(),
  WEBHOOK_SERVICE_URL: serviceUrl(),
  BATCH_SERVICE_URL: serviceUrl(),
  ANALYTICS_SERVICE_URL: serviceUrl(),
  REALTIME_URL: urlWithProtocol("http", "https"),
  /** Deadline of a call to a downstream service. */
  DOWNSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** Deadline of a rate-limit decision; past it the plan's fail mode decides. */
  RATE_LIMIT_TIMEOUT_MS: durationMs(250),
  /**
   * The Redis holding limit state, which the gateway decides against directly (the rate-limit
   * service's REDIS_URL); REDIS_URL when unset.
   */
  RATE_LIMIT_REDIS_URL: urlWithProtocol("redis", "rediss").optional(),
  /** The tier policy file; the one shipped in libs/policy when unset. */
  RATE_LIMIT_POLICY_FILE: z.string().min(1).optional(),
  /** Largest request body in bytes; larger ones get 413. */
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(262_144),
  /** Largest request header section in bytes (request line and fields); larger ones get 431. */
  HTTP_MAX_HEADER_BYTES: z.coerce.number().int().min(1_024).max(65_536).default(16_384),
  /** Most header fields in one request; more get 431 (none is dropped silently). */
  HTTP_MAX_HEADERS: z.coerce.number().int().min(16).max(1_000).default(100),
  /** Origins allowed by CORS, comma-separated ("*" for any). Unset: no CORS headers. */
  CORS_ALLOWED_ORIGINS: commaList().optional(),
  /** How long a response stored under an Idempotency-Key is replayed. */
  IDEMPOTENCY_RETENTION_MS: durationMs(86_400_000),
  /** How long a duplicate request waits for the first one with its key before 409. */
  IDEMPOTENCY_WAIT_MS: durationMs(10_000),
  /** In-process result cache (L1) bound, bytes. */
  CACHE_L1_MAX_BYTES: z.coerce.number().int().min(1_048_576).default(134_217_728),
  /** Results are fresh this long in both levels… */
  CACHE_TTL_MS: durationMs(86_400_000),
  /** …spread by ±this fraction per entry… */
  CACHE_TTL_JITTER: z.coerce.number().min(0).max(0.5).default(0.1),
  /** …then served stale while refreshed, or when recomputing fails, for this long. */
  CACHE_GRACE_MS: durationMs(21_600_000),
  /** After a Redis failure the cache skips Redis (L2) for this long. */
  CACHE_L2_BREAKER_MS: durationMs(2_000),
  /** How often a replica tries to warm the cache with the most requested charts. */
  CACHE_WARM_INTERVAL_MS: durationMs(600_000),
  CACHE_WARM_TOP_N: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Cache verified API keys (L1 in-process, L2 Redis); false sends every request to VerifyKey. */
  AUTH_CACHE_ENABLED: booleanFlag(true),
  /** How long a verification is reused from this process's memory… */
  AUTH_CACHE_L1_TTL_MS: durationMs(10_000),
  /** …and from Redis, by every replica (lastUsedAt is about this fresh). */
  AUTH_CACHE_L2_TTL_MS: durationMs(60_000),
  AUTH_CACHE_L1_MAX_ENTRIES: z.coerce.number().int().min(100).default(100_000),
  /** Usage events waiting for Kafka; beyond this they are dropped and counted. */
  USAGE_EVENTS_MAX_BUFFERED: z.coerce.number().int().min(100).default(100_000),
  USAGE_EVENTS_FLUSH_MS: durationMs(200),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("gateway", schema, environment);
}
