import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { create, toBinary } from "@bufbuild/protobuf";
import { createRedisConnection } from "@orrery/cache";
import { limitChecks, RedisLimitStore } from "@orrery/limits";
import { Plan } from "@orrery/proto/apikey/v1/account";
import {
  CheckBatchRequestSchema,
  CheckBatchResponseSchema,
  CheckRequestSchema,
  CheckResponseSchema,
} from "@orrery/proto/ratelimit/v1/rate_limit";
import {
  formatTable,
  type Measurement,
  measureAll,
  processCpuSeconds,
  repoRoot,
  type Scenario,
  stackEnvironment,
  stackServiceTargets,
} from "@orrery/testing";
import { RawGrpcCaller } from "./raw-grpc.js";

// Decisions per second and latency of the rate limiter, next to a bare Redis PING and a bare
// EVALSHA of a trivial script measured in the same run against the same Redis:
//   store.decide    the decision script alone: one EVALSHA, what the gateway's middleware
//                   runs per request (its own bench: pnpm --filter @orrery/gateway
//                   bench:rate-limit)
//   gRPC Check      the whole service path, one decision per call, against a running
//                   rate-limit (the local stack's), as Envoy and other callers use it
//   gRPC CheckBatch the same with many decisions per call
// The load generator runs on the same two cores as Redis and the service, so the service's CPU
// per decision (from /proc) is printed too, with what one core could serve at that cost.
// Run: pnpm --filter @orrery/rate-limit bench [-- --rounds 3 --seconds 2 --in-flight 64 --batch 32]

const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the "--" on.
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  options: {
    // The local stack's rate-limit Redis and service, unless named.
    redis: { type: "string" },
    target: { type: "string" },
    seconds: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    batch: { type: "string", default: "32" },
    "in-flight": { type: "string", default: "64" },
    accounts: { type: "string", default: "1000" },
    // The service process whose CPU per decision is reported; the local stack's by default.
    "service-pid": { type: "string" },
  },
});
const redisUrl = values.redis ?? stackEnvironment("rate-limit").REDIS_URL ?? "";
const target = values.target ?? stackServiceTargets().rateLimit;
const pidFile = join(repoRoot, ".data/run/rate-limit.pid");
const servicePid = Number(
  values["service-pid"] ?? (existsSync(pidFile) ? readFileSync(pidFile, "utf8").trim() : ""),
);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const levels = [1, Number(values["in-flight"])];
const accountCount = Number(values.accounts);
const batchSize = Number(values.batch);

// Limits far above what the run can reach: every decision is a full check-and-charge.
const overrides = {
  burstPerSecond: 1_000_000,
  requestsPerMinute: 60_000_000,
  monthlyQuota: 10n ** 12n,
};
let next = 0;
const nextAccount = () => {
  next = (next + 1) % accountCount;
  return `acc_bench_${next}`;
};

const redis = createRedisConnection(redisUrl, {
  connectionName: "rate-limit-bench",
  commandTimeoutMs: 5_000,
});
await new Promise((resolve) => redis.once("ready", resolve));
redis.defineCommand("benchTrivial", { numberOfKeys: 0, lua: "return 1" });
const trivial = (redis as unknown as { benchTrivial: () => Promise<number> }).benchTrivial.bind(
  redis,
);
const store = new RedisLimitStore(redis);
const checks = limitChecks(
  {
    plan: "premium",
    burstPerSecond: overrides.burstPerSecond,
    requestsPerMinute: overrides.requestsPerMinute,
    monthlyQuota: Number(overrides.monthlyQuota),
    maxBatchSize: 0,
    concurrentBatches: 0,
    webhookEndpoints: 0,
    realtimeConnections: 0,
    savedReports: 0,
    failMode: "open",
    key: {},
  },
  { rateHits: 1, quotaCost: 1 },
);
const checkRequest = (accountId: string) =>
  create(CheckRequestSchema, {
    accountId,
    keyId: "key_bench",
    route: "POST /v1/charts",
    account: { plan: Plan.PREMIUM, overrides, billingCycleAnchorDay: 1 },
  });
const singleRequests = Array.from({ length: accountCount }, (_, index) =>
  Buffer.from(toBinary(CheckRequestSchema, checkRequest(`acc_bench_${index}`))),
);
const batchRequests = Array.from({ length: Math.ceil(accountCount / batchSize) }, (_, index) =>
  Buffer.from(
    toBinary(
      CheckBatchRequestSchema,
      create(CheckBatchRequestSchema, {
        checks: Array.from({ length: batchSize }, (_, offset) =>
          checkRequest(`acc_bench_${(index * batchSize + offset) % accountCount}`),
        ),
      }),
    ),
  ),
);
const allowed = (response: { allowed: boolean; degraded: boolean }) => {
  if (!response.allowed || response.degraded) throw new Error("bench decision not allowed");
};
const single = new RawGrpcCaller(
  target,
  "/orrery.ratelimit.v1.RateLimitService/Check",
  CheckResponseSchema,
  allowed,
);
const batched = new RawGrpcCaller(
  target,
  "/orrery.ratelimit.v1.RateLimitService/CheckBatch",
  CheckBatchResponseSchema,
  (response) => {
    if (response.results.length !== batchSize) throw new Error("short batch");
    for (const { result } of response.results) {
      if (result.case !== "response") throw new Error("bench decision failed");
      allowed(result.value);
    }
  },
);
let nextSingle = 0;
let nextBatch = 0;

const scenarios: Scenario[] = [];
for (const inFlight of levels) {
  scenarios.push(
    { path: "Redis PING", operation: () => redis.ping(), inFlight },
    { path: "Redis EVALSHA (return 1)", operation: () => trivial(), inFlight },
    {
      path: "store.decide (decision script)",
      operation: () =>
        store.decide({
          accountId: nextAccount(),
          billingCycleAnchorDay: 1,
          checks,
          mode: "charge",
        }),
      inFlight,
    },
    {
      path: "gRPC Check (service)",
      operation: () => single.call(singleRequests[nextSingle++ % singleRequests.length] as Buffer),
      inFlight,
    },
    {
      path: `gRPC CheckBatch (service, ${batchSize} per call)`,
      operation: () => batched.call(batchRequests[nextBatch++ % batchRequests.length] as Buffer),
      // As many decisions outstanding as the single-check row has, not `inFlight` × batch: past
      // a few hundred queued decisions Redis' 100 ms command timeout fails decisions open.
      inFlight: Math.max(1, Math.round(inFlight / batchSize)),
      unitsPerOperation: batchSize,
    },
  );
}
const rows: Measurement[] = await measureAll(scenarios, {
  rounds,
  seconds,
  ...(servicePid > 0 ? { cpuSeconds: () => processCpuSeconds(servicePid) } : {}),
});

console.log(
  `rate-limit decisions, ${rounds} interleaved rounds of ${seconds} s per row, ${accountCount} accounts, Redis ${redisUrl}, service ${target}\n`,
);
console.log(formatTable(rows, "Redis PING"));
single.close();
batched.close();
redis.disconnect();
