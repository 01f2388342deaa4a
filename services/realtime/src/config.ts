import {
  defineServiceConfig,
  durationMs,
  httpEnv,
  kafkaEnv,
  redisEnv,
  secret,
  serviceUrl,
} from "@orrery/config";
import { z } from "zod";

const bytes = (defaultBytes: number) => z.coerce.number().int().min(1_024).default(defaultBytes);

export const loadServiceConfig = defineServiceConfig("realtime", {
  ...httpEnv(8090),
  ...kafkaEnv,
  ...redisEnv,
  APIKEY_SERVICE_URL: serviceUrl(),
  /** How long verifying a key on upgrade may take. */
  APIKEY_TIMEOUT_MS: durationMs(2_000),
  /** Shared with the gateway, which mints `?token=` tokens with it (HMAC-SHA256). */
  REALTIME_TOKEN_SECRET: secret(z.string().min(32, "must be at least 32 characters")),
  /** The tier policy file (libs/policy's own unless given). */
  RATE_LIMIT_POLICY_FILE: z.string().min(1).optional(),
  /** Publications kept per channel. */
  REALTIME_HISTORY_MAX_LENGTH: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** Publications older than this leave a channel's history. */
  REALTIME_HISTORY_MAX_AGE_MS: durationMs(24 * 60 * 60_000),
  /** A quiet channel keeps its epoch and offset this long. */
  REALTIME_POSITION_TTL_MS: durationMs(7 * 24 * 60 * 60_000),
  REALTIME_PING_INTERVAL_MS: durationMs(25_000),
  REALTIME_PONG_TIMEOUT_MS: durationMs(8_000),
  /** Unsent bytes after which a client is cut off as a slow consumer. */
  REALTIME_MAX_BUFFERED_BYTES: bytes(1_048_576),
  /** Largest inbound frame; larger ones close with 1009. */
  REALTIME_MAX_FRAME_BYTES: bytes(65_536),
  /** A connection's entry in the cross-pod registry expires this long after its last refresh. */
  REALTIME_CONNECTION_TTL_MS: durationMs(30_000),
});

export type Config = ReturnType<typeof loadServiceConfig>;
