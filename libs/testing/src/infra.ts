import { fileURLToPath } from "node:url";

// Tests are the one place besides src/config.ts that reads the environment: scripts/test exports
// scripts/env/infra.env, and these defaults match it so a test also runs from an editor.
const environment = process.env;

export const infra = {
  adminDatabaseUrl:
    environment.ADMIN_DATABASE_URL ??
    "postgres://orrery_admin:orrery_admin@127.0.0.1:15432/postgres",
  redisUrl: environment.REDIS_URL ?? "redis://127.0.0.1:16379",
  /** rate-limit's Redis (no persistence), which the gateway decides against too. */
  rateLimitRedisUrl: environment.RATE_LIMIT_REDIS_URL ?? "redis://127.0.0.1:16380",
  kafkaBrokers: (environment.KAFKA_BROKERS ?? "127.0.0.1:19092").split(","),
  gatewayUrl: environment.GATEWAY_URL ?? "http://127.0.0.1:8080",
  realtimeUrl: environment.REALTIME_URL ?? "http://127.0.0.1:8090",
} as const;

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
