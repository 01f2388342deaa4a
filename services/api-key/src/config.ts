import {
  backendServiceEnv,
  defineServiceConfig,
  durationMs,
  redisEnv,
  secret,
  z,
} from "@orrery/config";

/** The local-stack value in scripts/env/api-key.env: refused in production. */
const LOCAL_DEVELOPMENT_PEPPER = "local-development-pepper-not-a-secret-0001";

export const loadServiceConfig = defineServiceConfig(
  "api-key",
  {
    ...backendServiceEnv({ http: 9401, grpc: 50051 }),
    ...redisEnv,
    /**
     * The server secret keys are hashed with (HMAC-SHA-256): a stolen database alone does not
     * let anyone test guesses offline. Changing it invalidates every key.
     */
    API_KEY_PEPPER: secret(
      z.string().refine((value) => Buffer.byteLength(value) >= 32, "must be at least 32 bytes"),
    ),
    /** Grace period of a rotation when the caller names none. */
    KEY_ROTATION_DEFAULT_GRACE_MS: durationMs(24 * 60 * 60 * 1000),
    /** Longest grace period a caller may choose. */
    KEY_ROTATION_MAX_GRACE_MS: durationMs(30 * 24 * 60 * 60 * 1000),
    /** Keys an account may hold that are neither revoked nor expired. */
    MAX_ACTIVE_KEYS_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
    /** lastUsedAt is written in batches at this pace, never once per verification. */
    LAST_USED_FLUSH_INTERVAL_MS: durationMs(5_000),
    /** Publishing a cache invalidation waits this long for Redis (the outbox event follows anyway). */
    REDIS_COMMAND_TIMEOUT_MS: durationMs(500),
    /** Where bootstrap-admin keeps the first admin key (local development only). */
    ADMIN_KEY_FILE: z.string().min(1).default(".data/admin-key"),
  },
  {
    refine: (config) =>
      config.NODE_ENV === "production" && config.API_KEY_PEPPER === LOCAL_DEVELOPMENT_PEPPER
        ? {
            variable: "API_KEY_PEPPER",
            message: "is the local development value; set a real secret",
          }
        : undefined,
  },
);

export type Config = ReturnType<typeof loadServiceConfig>;
