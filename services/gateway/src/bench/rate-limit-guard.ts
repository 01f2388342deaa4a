import { parseArgs } from "node:util";
import { createRedisConnection } from "@orrery/cache";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { createLogger } from "@orrery/telemetry";
import type { Request, Response } from "express";
import { RateLimitClient } from "../adapters/rate-limit-client.js";
import { rateLimitGuard } from "../transport/http/middleware/rate-limit.js";
import type { RequestContext } from "../transport/http/request-context.js";
import type { MatchedRoute } from "../transport/http/route-registry.js";

// The gateway's rate-limit middleware path: the guard as the route registry runs it (context →
// micro-batched gRPC Check to the running rate-limit service → RateLimit headers), next to a
// bare Redis PING measured in the same run against the same Redis. The load generator shares
// the machine's cores with rate-limit and Redis.
// Run: pnpm --filter @orrery/gateway bench:rate-limit [-- --seconds 5 --in-flight 64]

const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the "--" on.
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  options: {
    redis: { type: "string", default: "redis://127.0.0.1:16379" },
    target: { type: "string", default: "127.0.0.1:50052" },
    seconds: { type: "string", default: "3" },
    "in-flight": { type: "string", default: "64" },
    accounts: { type: "string", default: "1000" },
  },
});
const seconds = Number(values.seconds);
const accountCount = Number(values.accounts);

interface Row {
  path: string;
  inFlight: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(
  path: string,
  operation: () => Promise<unknown>,
  inFlight: number,
): Promise<Row> {
  const run = async (runSeconds: number) => {
    const latencies: number[] = [];
    const deadline = performance.now() + runSeconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          const begun = performance.now();
          await operation();
          latencies.push(performance.now() - begun);
        }
      }),
    );
    return { latencies, elapsed: performance.now() - started };
  };
  await run(0.5);
  const { latencies, elapsed } = await run(seconds);
  const sorted = Float64Array.from(latencies).sort();
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
  return {
    path,
    inFlight,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: at(0.5),
    p99: at(0.99),
  };
}

const redis = createRedisConnection(values.redis, {
  connectionName: "gateway-bench",
  commandTimeoutMs: 5_000,
});
await new Promise((resolve) => redis.once("ready", resolve));
const checker = new RateLimitClient({ target: values.target, timeoutMs: 5_000 });
const policy = loadPolicyFile(defaultPolicyPath);
const guard = rateLimitGuard({
  checker,
  policy: () => policy,
  logger: createLogger({ service: "gateway-bench", level: "silent" }),
});
const route: MatchedRoute = {
  method: "POST",
  path: "/v1/charts",
  scope: "charts:read",
  cost: 1,
  operationId: "createChart",
};
const request = {} as Request;
let next = 0;
const overrides = { burstPerSecond: 1_000_000, requestsPerMinute: 60_000_000, monthlyQuota: 1e12 };
const runGuard = async () => {
  next = (next + 1) % accountCount;
  const context: RequestContext = {
    requestId: "bench",
    auth: {
      accountId: `acc_gwbench_${next}`,
      keyId: "key_bench",
      plan: "premium",
      scopes: ["charts:read"],
      environment: "test",
      accountOverrides: overrides,
      keyOverrides: {},
      billingCycleAnchorDay: 1,
    },
  };
  const headers = new Map<string, string>();
  const response = {
    locals: { orrery: context },
    setHeader: (name: string, value: string) => headers.set(name, value),
  } as unknown as Response;
  await guard(route, request, response);
  if (context.rateLimited !== false || !headers.has("RateLimit")) throw new Error("not decided");
};

const rows: Row[] = [];
for (const inFlight of [1, Number(values["in-flight"])]) {
  rows.push(await measure("Redis PING", () => redis.ping(), inFlight));
  rows.push(await measure("gateway rate-limit guard (gRPC, micro-batched)", runGuard, inFlight));
}
console.log(`gateway rate-limit middleware, ${seconds} s per row, service ${values.target}\n`);
console.log("| path | requests in flight | decisions/s | p50 ms | p99 ms | p50 ÷ PING p50 |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const ping = rows.find(
    (candidate) => candidate.path === "Redis PING" && candidate.inFlight === row.inFlight,
  );
  console.log(
    `| ${row.path} | ${row.inFlight} | ${Math.round(row.perSecond).toLocaleString("en-US")} | ${row.p50.toFixed(3)} | ${row.p99.toFixed(3)} | ${ping ? (row.p50 / ping.p50).toFixed(2) : ""} |`,
  );
}
checker.close();
redis.disconnect();
