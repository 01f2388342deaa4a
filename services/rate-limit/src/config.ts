import {
  backendServiceEnv,
  defineServiceConfig,
  durationMs,
  redisEnv,
  serviceUrl,
  z,
} from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("rate-limit", {
  ...backendServiceEnv({ http: 9402, grpc: 50052 }),
  ...redisEnv,
  /** A decision waits this long for Redis, then the plan's fail mode decides. */
  REDIS_COMMAND_TIMEOUT_MS: durationMs(100),
  /** The tier policy file; the one shipped in libs/policy when unset. Reloaded on SIGHUP and on change. */
  RATE_LIMIT_POLICY_FILE: z.string().min(1).optional(),
  /** api-key's AccountService, for requests that do not carry the account (Envoy, GetUsage). */
  APIKEY_SERVICE_URL: serviceUrl(),
  ACCOUNT_LOOKUP_TIMEOUT_MS: durationMs(500),
  /** Upper bound on how stale a cached account is if its change event were lost. */
  ACCOUNT_CACHE_TTL_MS: durationMs(60_000),
  /** Monthly usage is copied to Postgres this often: the most usage a Redis data loss can cost. */
  USAGE_FLUSH_INTERVAL_MS: durationMs(5_000),
  /** The consumer group reading the gateway's usage events; every replica of one deployment shares it. */
  USAGE_CONSUMER_GROUP: z.string().min(1).default("rate-limit-usage"),
  /** The descriptor domain Envoy's rate limit filter sends. */
  ENVOY_DOMAIN: z.string().min(1).default("orrery"),
});

export type Config = ReturnType<typeof loadServiceConfig>;
