import {
  booleanFlag,
  commaList,
  defineServiceConfig,
  durationMs,
  httpEnv,
  kafkaEnv,
  redisEnv,
  secret,
  serviceUrl,
  urlWithProtocol,
  z,
} from "@orrery/config";

const count = (minimum: number, defaultValue: number) =>
  z.coerce.number().int().min(minimum).default(defaultValue);

export const loadServiceConfig = defineServiceConfig("gateway", {
  ...httpEnv(8080),
  ...kafkaEnv,
  ...redisEnv,
  APIKEY_SERVICE_URL: serviceUrl(),
  RATELIMIT_SERVICE_URL: serviceUrl(),
  ANALYTICS_SERVICE_URL: serviceUrl(),
  WEBHOOK_SERVICE_URL: serviceUrl(),
  /**
   * realtime's HTTP endpoint: the gateway relays WebSocket upgrades of /v1/realtime and the
   * /v1/events/stream event stream there. Unset: neither is served here.
   */
  REALTIME_URL: urlWithProtocol("http", "https").optional(),
  /** Shared with realtime: POST /v1/realtime/token signs with it. Unset: the route is absent. */
  REALTIME_TOKEN_SECRET: secret(z.string().min(32, "must be at least 32 characters")).optional(),
  /** How long a realtime token works (a connection refreshes it before then). */
  REALTIME_TOKEN_TTL_MS: durationMs(600_000),
  BATCH_SERVICE_URL: serviceUrl(),
  /** Deadline of a call to a downstream service. */
  DOWNSTREAM_TIMEOUT_MS: durationMs(2_000),
  /**
   * A command on the shared Redis (result cache, popularity, warming, idempotency keys) fails
   * after this long: a stalled Redis costs a request milliseconds, not seconds.
   */
  REDIS_COMMAND_TIMEOUT_MS: durationMs(250),
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
  /** Largest batch upload (POST /v1/batches, read as a stream), and largest item in it. */
  BATCH_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(1_073_741_824)
    .default(104_857_600),
  BATCH_MAX_ITEM_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(65_536),
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
  /** A claimed key whose request never finished (its replica died) is free again after this. */
  IDEMPOTENCY_PENDING_TTL_MS: durationMs(60_000),
  /** How often a waiting duplicate looks for the first request's response. */
  IDEMPOTENCY_POLL_MS: durationMs(25),
  /** In-process result cache (L1) bound, bytes. */
  CACHE_L1_MAX_BYTES: count(1_048_576, 134_217_728),
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
  /** How many of the most requested charts a warm run precomputes. */
  CACHE_WARM_TOP_N: z.coerce.number().int().min(0).max(100_000).default(500),
  /** The first warm run waits this long after start, so connections settle first. */
  CACHE_FIRST_WARM_DELAY_MS: durationMs(5_000),
  /** A replica's claim on a warm run lapses after this long if it dies mid-run. */
  CACHE_WARM_LOCK_TTL_MS: durationMs(30_000),
  /** Distinct charts whose request counts are kept for warming (the least requested go first). */
  CACHE_POPULARITY_MAX_TRACKED: count(100, 10_000),
  /** Request counts are added up in memory and sent to Redis this often. */
  CACHE_POPULARITY_FLUSH_MS: durationMs(5_000),
  /** Cache verified API keys (L1 in-process, L2 Redis); false sends every request to VerifyKey. */
  AUTH_CACHE_ENABLED: booleanFlag(true),
  /** How long a verification is reused from this process's memory… */
  AUTH_CACHE_L1_TTL_MS: durationMs(10_000),
  /** …and from Redis, by every replica (lastUsedAt is about this fresh). */
  AUTH_CACHE_L2_TTL_MS: durationMs(60_000),
  AUTH_CACHE_L1_MAX_ENTRIES: count(100, 100_000),
  /**
   * A verification waits this long for Redis (L2) before asking api-key: every authenticated
   * request that misses L1 waits on it, so it gets its own connection and a tighter timeout.
   */
  AUTH_CACHE_REDIS_TIMEOUT_MS: durationMs(100),
  /** After a Redis failure, verifications skip L2 for this long. */
  AUTH_CACHE_L2_BREAKER_MS: durationMs(2_000),
  /** How often invalidations that could not reach Redis (L2) are tried again. */
  AUTH_INVALIDATION_RETRY_MS: durationMs(1_000),
  /** Usage events waiting in memory for Kafka; beyond this they spill to the journal. */
  USAGE_EVENTS_MAX_BUFFERED: count(100, 100_000),
  /**
   * Usage events the journal (a Redis stream on REDIS_URL shared by every replica) holds while
   * Kafka is away; only beyond it are events dropped, and counted. 0 turns the journal off.
   * Stored compressed, about 75 bytes an event: the default takes up to ~150 MB of Redis.
   */
  USAGE_EVENTS_JOURNAL_MAX_EVENTS: count(0, 2_000_000),
  USAGE_EVENTS_JOURNAL_KEY: z.string().min(1).default("{orrery:usage-journal}"),
  /** A journaled batch a replica took but did not acknowledge for this long is replayed by another. */
  USAGE_EVENTS_JOURNAL_CLAIM_MS: durationMs(60_000),
  /** A journal command fails after this long (its batches then stay in memory if they fit). */
  USAGE_EVENTS_JOURNAL_TIMEOUT_MS: durationMs(2_000),
  USAGE_EVENTS_FLUSH_MS: durationMs(200),
  /** Usage events sent in one produce request at most. */
  USAGE_EVENTS_MAX_BATCH: count(1, 500),
});

export type Config = ReturnType<typeof loadServiceConfig>;
