// Key verification speed. Run from the repository root with the local stack up:
//   pnpm --filter @orrery/api-key bench        (BENCH_SECONDS=10 by default)
//
// 1. Through the gateway (HTTP, autocannon): the same route and error path with and without a
//    verification, so the difference is the verification alone. GET /v1/keys with a key that
//    lacks its scope is verified and then refused 403 before rate limiting and the handler;
//    without a key it is refused 401 before any verification (the unauthenticated baseline).
//    Two private gateway replicas: one with the verification cache, one without
//    (AUTH_CACHE_ENABLED=false: every request is a VerifyKey call).
// 2. Raw VerifyKey over gRPC against an api-key process pinned to CPU 0 (taskset -c 0), the
//    benchmark pinned to CPU 1; valid keys, so every call is a database lookup.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import {
  freePort,
  processCpuSeconds,
  repoRoot,
  stackEnvironment,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import autocannon, { type Result } from "autocannon";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

async function pin(pid: number, cpu: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn("taskset", ["-a", "-cp", String(cpu), String(pid)], { stdio: "ignore" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`taskset exited ${code}`)),
    );
    child.on("error", reject);
  });
}

/** An api-key process on CPU 0 only, on free ports. */
async function startPinnedApiKey() {
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const child = spawn("taskset", ["-c", "0", process.execPath, "services/api-key/dist/main.js"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      ...stackEnvironment("api-key"),
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok, {
    timeoutMs: 30_000,
    intervalMs: 200,
    message: "pinned api-key ready",
  });
  return { grpcPort, pid: child.pid ?? 0, stop: () => child.kill("SIGTERM") };
}

async function rawVerifyKey(grpcPort: number, serverPid: number) {
  const target = `127.0.0.1:${grpcPort}`;
  const keys = createRpcClient(ApiKeyService, { target, defaultTimeoutMs: 5_000 });
  const accounts = createRpcClient(AccountService, { target, defaultTimeoutMs: 5_000 });
  const { account } = await accounts.createAccount({ name: "bench", plan: Plan.BASIC });
  const secrets: string[] = [];
  for (let index = 0; index < 50; index += 1) {
    const created = await keys.createKey({
      accountId: account!.id,
      name: `bench ${index}`,
      scopes: ["charts:read"],
    });
    secrets.push(created.key);
    if (index % 10 === 9) {
      // Keep under the per-account key limit.
      const { account: next } = await accounts.createAccount({ name: "bench", plan: Plan.BASIC });
      account!.id = next!.id;
    }
  }
  const latencies: number[] = [];
  let failures = 0;
  const runFor = async (durationMs: number, concurrency: number, record: boolean) => {
    const deadline = performance.now() + durationMs;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          const response = await keys.verifyKey({ key: secrets[next++ % secrets.length]! });
          if (!record) continue;
          if (response.result !== VerifyResult.VALID) failures += 1;
          latencies.push(performance.now() - started);
        }
      }),
    );
  };
  await runFor(2_000, 32, false);
  const started = performance.now();
  const cpuBefore = processCpuSeconds(serverPid);
  await runFor(seconds * 1000, 32, true);
  const serverCpu = processCpuSeconds(serverPid) - cpuBefore;
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  keys.close();
  accounts.close();
  return {
    perSecond: latencies.length / elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    failures,
    /** Server CPU per call: what one fully available core could do, whatever else runs here. */
    cpuMicrosPerCall: (serverCpu * 1e6) / Math.max(latencies.length, 1),
  };
}

async function gatewayRuns() {
  const admin = readFileSync(join(repoRoot, ".data/admin-key"), "utf8").trim();
  const cached = await startServiceProcess("gateway", { LOG_LEVEL: "warn" });
  const uncached = await startServiceProcess("gateway", {
    LOG_LEVEL: "warn",
    AUTH_CACHE_ENABLED: "false",
  });
  try {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${cached.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; key: string };
    };
    const account = await post("/v1/accounts", { name: "bench", plan: "premium" });
    const { key } = await post("/v1/keys", {
      accountId: account.id,
      name: "bench (charts only)",
      scopes: ["charts:read"],
    });
    const load = (url: string, headers: Record<string, string> = {}) =>
      autocannon({ url: `${url}/v1/keys`, connections: 32, duration: seconds, headers });
    const withKey = { authorization: `Bearer ${key}` };
    await autocannon({
      url: `${cached.url}/v1/keys`,
      connections: 8,
      duration: 2,
      headers: withKey,
    });
    await autocannon({
      url: `${uncached.url}/v1/keys`,
      connections: 8,
      duration: 2,
      headers: withKey,
    });
    const baseline = await load(cached.url);
    const warm = await load(cached.url, withKey);
    const disabled = await load(uncached.url, withKey);
    const metrics = await (await fetch(`${cached.url}/metrics`)).text();
    // Percentiles of the in-process verification time on the warm path, from the histogram.
    const buckets = metrics
      .split("\n")
      .filter((line) =>
        line.startsWith('gateway_authentication_duration_seconds_bucket{source="l1"'),
      )
      .map((line) => ({
        le: Number(/le="([^"]+)"/.exec(line)?.[1]),
        count: Number(line.split(" ").at(-1)),
      }));
    const total = buckets.at(-1)?.count ?? 0;
    const percentileMs = (fraction: number) =>
      (buckets.find((bucket) => bucket.count >= total * fraction)?.le ?? Number.NaN) * 1000;
    const inProcess = { p50: percentileMs(0.5), p99: percentileMs(0.99), samples: total };
    return { baseline, warm, disabled, inProcess };
  } finally {
    await cached.stop();
    await uncached.stop();
  }
}

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const ms = (value: number) => value.toFixed(2);

await pin(process.pid, 1).catch(() => undefined);
const gateway = await gatewayRuns();
const pinned = await startPinnedApiKey();
let raw: Awaited<ReturnType<typeof rawVerifyKey>>;
try {
  raw = await rawVerifyKey(pinned.grpcPort, pinned.pid);
} finally {
  pinned.stop();
}

const statusOf = (result: Result) =>
  Object.entries(result.statusCodeStats ?? {})
    .map(([code, stats]) => `${code}×${stats.count ?? 0}`)
    .join(" ");
console.log(
  `\nKey verification, ${seconds} s per run, 32 connections, 2 cores shared with the load generator\n`,
);
console.log(row(["run", "requests/s", "p50 ms", "p99 ms", "answers"]));
console.log(row(["---", "---:", "---:", "---:", "---"]));
for (const [name, result] of [
  ["baseline: no key (401 before any verification)", gateway.baseline],
  ["warm cache: verified from L1, then 403", gateway.warm],
  ["cache disabled: VerifyKey per request, then 403", gateway.disabled],
] as const) {
  console.log(
    row([
      name,
      Math.round(result.requests.average),
      ms(result.latency.p50),
      ms(result.latency.p99),
      statusOf(result),
    ]),
  );
}
console.log(
  row([
    "raw VerifyKey (gRPC, api-key on 1 core, valid keys, DB lookup each)",
    Math.round(raw.perSecond),
    ms(raw.p50),
    ms(raw.p99),
    `${raw.failures} not VALID`,
  ]),
);
console.log(
  `\nwarm-cache verification inside the gateway (gateway_authentication_duration_seconds{source="l1"}, ${gateway.inProcess.samples} samples): p50 ≤ ${gateway.inProcess.p50} ms, p99 ≤ ${gateway.inProcess.p99} ms (bucket bounds; target < 0.2 ms)`,
);
console.log(
  `added latency at p50, warm cache vs baseline, over HTTP: ${ms(gateway.warm.latency.p50 - gateway.baseline.latency.p50)} ms (autocannon resolution: 1 ms)`,
);
console.log(
  `raw VerifyKey on one core: ${Math.round(raw.perSecond)}/s measured; server CPU ${Math.round(raw.cpuMicrosPerCall)} µs per call → ${Math.round(1e6 / raw.cpuMicrosPerCall)}/s on a dedicated core (target ≥ 5,000/s)`,
);
console.log(
  `load average during the run: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} (2 cores)`,
);
process.exit(0);
