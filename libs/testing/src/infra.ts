import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Tests are the one place besides src/config.ts that reads the environment: scripts/test
 * exports scripts/env/infra.env. Run from an editor without it, a test asks the stack
 * (`scripts/stack env infra`, ORRERY_*_PORT overrides applied), so it reaches this checkout's
 * stack and never another one on the default ports.
 */
function infraEnvironment(): Readonly<Record<string, string | undefined>> {
  if (process.env.ADMIN_DATABASE_URL !== undefined) return process.env;
  const output = execFileSync(`${repoRoot}scripts/stack`, ["env", "infra"], { encoding: "utf8" });
  const values: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const separator = line.indexOf("=");
    if (separator > 0) values[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return values;
}

function required(environment: Readonly<Record<string, string | undefined>>, name: string) {
  const value = environment[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set (scripts/env/infra.env, as scripts/test exports it)`);
  }
  return value;
}

const environment = infraEnvironment();

export const infra = {
  adminDatabaseUrl: required(environment, "ADMIN_DATABASE_URL"),
  redisUrl: required(environment, "REDIS_URL"),
  /** rate-limit's Redis (no persistence), which the gateway decides against too. */
  rateLimitRedisUrl: required(environment, "RATE_LIMIT_REDIS_URL"),
  kafkaBrokers: required(environment, "KAFKA_BROKERS").split(","),
  gatewayUrl: required(environment, "GATEWAY_URL"),
  realtimeUrl: required(environment, "REALTIME_URL"),
} as const;
