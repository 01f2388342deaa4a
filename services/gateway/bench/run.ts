import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { stackEnvironment } from "@orrery/testing";
import { distinctBirthData, zipfSequence } from "./birth-data.js";
import {
  type LoadResult,
  loadTest,
  postBodiesFromFileLua,
  postBodyLua,
  postUniqueChartLua,
} from "./wrk.js";

/**
 * The gateway benchmark, all in one run on this machine (loopback, wrk with one thread and 50
 * connections): bare express "hello" as the baseline, POST /v1/charts answered from the
 * cache, POST /v1/charts computed for every request, then the cache hit ratio on a
 * Zipf-distributed mix of birth data. The gateway is gateway-server.ts (the app as main.ts
 * builds it, minus the authentication and rate-limit guards) on the local stack's Redis.
 *
 *   pnpm --filter @orrery/gateway bench        BENCH_SECONDS=10 by default
 */
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** About ten requests per distinct input in the window; s = 1 is classic web popularity. */
const ZIPF = { distinct: 10_000, requests: 100_000, exponent: 1.0 };

async function startServer(
  module: string,
  env?: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(new URL(module, import.meta.url), {
    stdio: "inherit",
    execArgv: ["--enable-source-maps"],
    ...(env === undefined ? {} : { env: { PATH: process.env.PATH ?? "", ...env } }),
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { url: `http://127.0.0.1:${message.port}`, child };
}

function row(name: string, result: LoadResult, baseline: number): string {
  const cells = [
    name.padEnd(28),
    result.requestsPerSecond.toFixed(0).padStart(8),
    result.p50Ms.toFixed(2).padStart(8),
    result.p95Ms.toFixed(2).padStart(8),
    result.p99Ms.toFixed(2).padStart(8),
    `${((result.requestsPerSecond / baseline) * 100).toFixed(0)}%`.padStart(9),
    String(result.failures).padStart(6),
  ];
  return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "orrery-bench-"));
  const hello = await startServer("./hello-server.js");
  const gateway = await startServer("./gateway-server.js", {
    ...stackEnvironment("gateway"),
    LOG_LEVEL: "warn",
  });
  const salt = Math.floor(Math.random() * 40_000_000);
  const loadBefore = loadavg()[0]?.toFixed(2);
  try {
    const common = { connections: CONNECTIONS, durationSeconds: SECONDS, workDirectory: work };
    const warm = { ...common, durationSeconds: 2 };

    await loadTest({ ...warm, name: "hello-warmup", url: `${hello.url}/hello`, requestLua: "" });
    const bare = await loadTest({
      ...common,
      name: "hello",
      url: `${hello.url}/hello`,
      requestLua: "",
    });

    const hot = JSON.stringify({
      datetime: "1990-06-15T12:30",
      timezone: "Europe/London",
      latitude: 51.5,
      longitude: -0.12,
    });
    const cachedLua = postBodyLua("/v1/charts", hot);
    await loadTest({ ...warm, name: "cached-warmup", url: gateway.url, requestLua: cachedLua });
    const cached = await loadTest({
      ...common,
      name: "cached",
      url: gateway.url,
      requestLua: cachedLua,
    });

    await loadTest({
      ...warm,
      name: "uncached-warmup",
      url: gateway.url,
      requestLua: postUniqueChartLua("/v1/charts", salt),
    });
    const uncached = await loadTest({
      ...common,
      name: "uncached",
      url: gateway.url,
      requestLua: postUniqueChartLua("/v1/charts", salt + 10_000_000),
    });

    // A fresh population each run (seeded by the salt), so Redis holds none of it yet.
    const population = distinctBirthData(ZIPF.distinct, salt);
    const sequence = zipfSequence(population, ZIPF.requests, ZIPF.exponent, salt + 1);
    const mixFile = join(work, "zipf-mix.jsonl");
    await writeFile(mixFile, sequence.map((input) => JSON.stringify(input)).join("\n"));
    const mix = await loadTest({
      ...common,
      // wrk stops the thread at ZIPF.requests, then waits out the duration: keep it short.
      durationSeconds: 30,
      name: "zipf",
      url: gateway.url,
      requestLua: postBodiesFromFileLua("/v1/charts", mixFile),
      countHits: true,
      maxRequests: ZIPF.requests,
    });
    const distinctSent = new Set(sequence.slice(0, mix.requests)).size;

    const header = ["", "req/s", "p50 ms", "p95 ms", "p99 ms", "% of bare", "errors"];
    console.log(
      `\nGateway benchmark: wrk -t1 -c${CONNECTIONS} -d${SECONDS}s on loopback, ${new Date().toISOString()}, ` +
        `${cpus().length} cores, 1-min load average ${loadBefore} before, ${loadavg()[0]?.toFixed(2)} after\n`,
    );
    console.log(
      `| ${header[0]?.padEnd(28)} | ${header
        .slice(1)
        .map((cell) => cell.padStart(cell === "% of bare" ? 9 : cell === "errors" ? 6 : 8))
        .join(" | ")} |`,
    );
    console.log(
      `|${"-".repeat(30)}|${"-".repeat(10)}|${"-".repeat(10)}|${"-".repeat(10)}|${"-".repeat(10)}|${"-".repeat(11)}|${"-".repeat(8)}|`,
    );
    console.log(row("bare express hello", bare, bare.requestsPerSecond));
    console.log(row("cached POST /v1/charts", cached, bare.requestsPerSecond));
    console.log(row("uncached POST /v1/charts", uncached, bare.requestsPerSecond));
    console.log(
      `\nHit ratio on a Zipf mix (s=${ZIPF.exponent}, ${ZIPF.distinct} distinct birth data, ${mix.requests} requests, ${distinctSent} distinct sent, cold cache): ` +
        `${((mix.cacheHits / Math.max(1, mix.requests)) * 100).toFixed(1)}% ` +
        `(best possible ${(((mix.requests - distinctSent) / Math.max(1, mix.requests)) * 100).toFixed(1)}%), ` +
        `p50 ${mix.p50Ms.toFixed(2)} ms, p99 ${mix.p99Ms.toFixed(2)} ms, errors ${mix.failures}`,
    );
    const targets = [
      `cached ≥ 60% of bare: ${cached.requestsPerSecond >= 0.6 * bare.requestsPerSecond ? "met" : "MISSED"}`,
      `cached p99 < 25 ms: ${cached.p99Ms < 25 ? "met" : "MISSED"}`,
      `hit ratio > 90%: ${mix.cacheHits / Math.max(1, mix.requests) > 0.9 ? "met" : "MISSED"}`,
    ];
    console.log(`Targets: ${targets.join("; ")}\n`);
  } finally {
    hello.child.kill("SIGTERM");
    gateway.child.kill("SIGTERM");
    await once(gateway.child, "exit");
    await rm(work, { recursive: true, force: true });
  }
}

await main();
