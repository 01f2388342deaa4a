import { parseArgs } from "node:util";
import { createRedisConnection } from "@orrery/cache";
import { RedisLimitStore } from "@orrery/limits";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { createLogger } from "@orrery/telemetry";
import { formatTable, measureAll, type Scenario, stackEnvironment } from "@orrery/testing";
import type { Response } from "express";
import { RateLimitServiceClient } from "../dist/adapters/rate-limit-service-client.js";
import { RedisLimitDecider } from "../dist/adapters/redis-limit-decider.js";
import type { Identity } from "../dist/domain/authentication.js";
import type { RateLimitDecider } from "../dist/domain/rate-limit.js";
import { enforceRateLimits } from "../dist/transport/http/middleware/rate-limit.js";
import type { MatchedRoute } from "../dist/transport/http/route.js";

// The gateway's rate-limit middleware: the guard as the route registry runs it (identity →
// decision → RateLimit headers), deciding as production does (straight against Redis, one
// EVALSHA) and, for comparison, through the rate-limit service (micro-batched gRPC Check), next
// to a bare Redis PING on the same Redis in the same run, interleaved round by round. The load
// generator shares the machine's two cores with Redis and the service.
// Run: pnpm --filter @orrery/gateway bench:rate-limit [-- --rounds 3 --seconds 2 --in-flight 64]

// The local stack's rate-limit Redis and service, as the stack's gateway reaches them.
const stack = stackEnvironment("gateway");
const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the "--" on.
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  options: {
    redis: { type: "string", default: String(stack.RATE_LIMIT_REDIS_URL ?? stack.REDIS_URL) },
    target: { type: "string", default: String(stack.RATELIMIT_SERVICE_URL) },
    seconds: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    "in-flight": { type: "string", default: "64" },
    accounts: { type: "string", default: "1000" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const accountCount = Number(values.accounts);

// A connection like the gateway's own for decisions, and one like it for the PING baseline.
const redis = createRedisConnection(values.redis, {
  connectionName: "gateway-bench",
  commandTimeoutMs: 5_000,
});
const decisionsRedis = createRedisConnection(values.redis, {
  connectionName: "gateway-bench-rate-limit",
  commandTimeoutMs: 5_000,
});
await Promise.all([redis, decisionsRedis].map((r) => new Promise((ok) => r.once("ready", ok))));
const service = new RateLimitServiceClient({
  target: values.target,
  timeoutMs: 5_000,
  usageTimeoutMs: 5_000,
});
const policy = loadPolicyFile(defaultPolicyPath);
const direct = new RedisLimitDecider({
  store: new RedisLimitStore(decisionsRedis),
  policy: () => policy,
  service,
});
const logger = createLogger({ service: "gateway-bench", level: "silent" });
const guardOf = (checker: RateLimitDecider) =>
  enforceRateLimits({ checker, policy: () => policy, logger });
const route: MatchedRoute = {
  method: "POST",
  path: "/v1/charts",
  scope: "charts:read",
  operationId: "createChart",
  key: "POST /v1/charts",
};
let next = 0;
const overrides = { burstPerSecond: 1_000_000, requestsPerMinute: 60_000_000, monthlyQuota: 1e12 };
const runGuard = (guard: ReturnType<typeof guardOf>) => async () => {
  next = (next + 1) % accountCount;
  const caller: Identity = {
    accountId: `acc_gwbench_${next}`,
    keyId: "key_bench",
    plan: "premium",
    scopes: ["charts:read"],
    environment: "live",
    expiresAt: undefined,
    accountOverrides: overrides,
    keyOverrides: {},
    billingCycleAnchorDay: 1,
  };
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
  } as unknown as Response;
  const verdict = await guard(route, caller, response);
  if (verdict.refusal !== undefined || !headers.has("RateLimit")) throw new Error("not decided");
};
const directGuard = runGuard(guardOf(direct));
const serviceGuard = runGuard(guardOf(service));

const scenarios: Scenario[] = [];
for (const inFlight of [1, Number(values["in-flight"])]) {
  scenarios.push(
    { path: "Redis PING", operation: () => redis.ping(), inFlight },
    { path: "guard, decided in Redis (production)", operation: directGuard, inFlight },
    { path: "guard, via rate-limit gRPC (micro-batched)", operation: serviceGuard, inFlight },
  );
}
const rows = await measureAll(scenarios, { rounds, seconds });
console.log(
  `gateway rate-limit middleware, ${rounds} interleaved rounds of ${seconds} s per row, ${accountCount} accounts, Redis ${values.redis}, service ${values.target}\n`,
);
console.log(formatTable(rows, "Redis PING", "decisions"));
service.close();
redis.disconnect();
decisionsRedis.disconnect();
