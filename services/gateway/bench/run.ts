import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stackEnvironment } from "@orrery/testing";
import { createBenchKey } from "./bench-key.js";
import { distinctBirthData, zipfSequence } from "./birth-data.js";
import {
  type BenchServer,
  forkServer,
  gatewayEnvironmentOf,
  startProductionGateway,
} from "./servers.js";
import {
  type LoadResult,
  loadTest,
  postBodiesFromFileLua,
  postBodyLua,
  postUniqueChartLua,
} from "./wrk.js";

/**
 * The gateway benchmark, all in one run on this machine (loopback, wrk with one thread and 50
 * connections). Rows, interleaved round by round so that a busy moment of the shared machine
 * falls on every row alike:
 *   - bare express "hello": the baseline;
 *   - cached POST /v1/charts through gateway-server.ts (the app as main.ts builds it, minus the
 *     authentication and rate-limit guards and usage events);
 *   - cached POST /v1/charts through the production gateway (dist/main.js) with a real API key:
 *     verified by api-key (then from its cache), decided against rate-limit's Redis, a usage
 *     event to Kafka for every request;
 *   - with --compare <checkout>, the same two gateway rows from another build of the repository
 *     (e.g. the commit before a change), side by side.
 * Then, once: uncached POST /v1/charts, and the cache hit ratio on a Zipf mix of birth data.
 *
 *   pnpm --filter @orrery/gateway bench [-- --seconds 10 --rounds 3 --compare /tmp/gw-before]
 */
const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the "--" on.
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  options: {
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "10" },
    rounds: { type: "string", default: "1" },
    compare: { type: "string" },
  },
});
const CONNECTIONS = 50;
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
/** About ten requests per distinct input in the window; s = 1 is classic web popularity. */
const ZIPF = { distinct: 10_000, requests: 100_000, exponent: 1.0 };
const HOT = JSON.stringify({
  datetime: "1990-06-15T12:30",
  timezone: "Europe/London",
  latitude: 51.5,
  longitude: -0.12,
});

interface Row {
  readonly name: string;
  readonly url: string;
  readonly lua: string;
  readonly results: LoadResult[];
}

const median = (numbers: readonly number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function formatRow(row: Row, baseline: number): string {
  const rates = row.results.map((result) => result.requestsPerSecond);
  const rate = median(rates);
  const spread =
    rates.length > 1 ? `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}` : "";
  const cells = [
    row.name.padEnd(44),
    rate.toFixed(0).padStart(8),
    spread.padStart(13),
    median(row.results.map((result) => result.p50Ms))
      .toFixed(2)
      .padStart(7),
    median(row.results.map((result) => result.p99Ms))
      .toFixed(2)
      .padStart(7),
    `${((rate / baseline) * 100).toFixed(0)}%`.padStart(9),
    String(row.results.reduce((sum, result) => sum + result.failures, 0)).padStart(6),
  ];
  return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "orrery-bench-"));
  const servers: BenchServer[] = [];
  const start = async (server: Promise<BenchServer>) => {
    const started = await server;
    servers.push(started);
    return started;
  };
  const benchEnv = { ...stackEnvironment("gateway"), LOG_LEVEL: "warn" };
  const loadBefore = loadavg()[0]?.toFixed(2);
  try {
    const key = await createBenchKey();
    const hello = await start(forkServer(new URL("./hello-server.js", import.meta.url)));
    const guardless = await start(
      forkServer(new URL("./gateway-server.js", import.meta.url), benchEnv),
    );
    const production = await start(
      startProductionGateway(new URL("../dist/main.js", import.meta.url).pathname),
    );
    const cachedLua = postBodyLua("/v1/charts", HOT);
    const keyedLua = postBodyLua("/v1/charts", HOT, { Authorization: `Bearer ${key}` });
    const rows: Row[] = [
      { name: "bare express hello", url: `${hello.url}/hello`, lua: "", results: [] },
      {
        name: "cached POST /v1/charts, no guards",
        url: guardless.url,
        lua: cachedLua,
        results: [],
      },
      {
        name: "cached POST /v1/charts, production path",
        url: production.url,
        lua: keyedLua,
        results: [],
      },
    ];
    if (values.compare !== undefined) {
      const other = resolve(values.compare, "services/gateway/dist");
      const otherEnv = { ...gatewayEnvironmentOf(resolve(values.compare)), LOG_LEVEL: "warn" };
      const otherGuardless = await start(
        forkServer(join(other, "bench/gateway-server.js"), otherEnv),
      );
      const otherProduction = await start(startProductionGateway(join(other, "main.js"), otherEnv));
      rows.push(
        {
          name: "compared build: no guards",
          url: otherGuardless.url,
          lua: cachedLua,
          results: [],
        },
        {
          name: "compared build: production path",
          url: otherProduction.url,
          lua: keyedLua,
          results: [],
        },
      );
    }
    const common = { connections: CONNECTIONS, durationSeconds: SECONDS, workDirectory: work };
    for (const [index, row] of rows.entries()) {
      await loadTest({
        ...common,
        durationSeconds: 2,
        name: `warmup-${index}`,
        url: row.url,
        requestLua: row.lua,
      });
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, row] of rows.entries()) {
        row.results.push(
          await loadTest({ ...common, name: `row-${index}`, url: row.url, requestLua: row.lua }),
        );
      }
    }

    const salt = Math.floor(Math.random() * 40_000_000);
    await loadTest({
      ...common,
      durationSeconds: 2,
      name: "uncached-warmup",
      url: guardless.url,
      requestLua: postUniqueChartLua("/v1/charts", salt),
    });
    const uncached = await loadTest({
      ...common,
      name: "uncached",
      url: guardless.url,
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
      url: guardless.url,
      requestLua: postBodiesFromFileLua("/v1/charts", mixFile),
      countHits: true,
      maxRequests: ZIPF.requests,
    });
    const distinctSent = new Set(sequence.slice(0, mix.requests)).size;

    const baseline = median(rows[0]?.results.map((result) => result.requestsPerSecond) ?? [1]);
    console.log(
      `\nGateway benchmark: wrk -t1 -c${CONNECTIONS} -d${SECONDS}s on loopback, ${ROUNDS} interleaved round(s), ${new Date().toISOString()}, ` +
        `${cpus().length} cores, 1-min load average ${loadBefore} before, ${loadavg()[0]?.toFixed(2)} after` +
        (values.compare === undefined ? "" : `; compared build: ${values.compare}`) +
        "\n",
    );
    console.log(
      `| ${"".padEnd(44)} | ${"req/s".padStart(8)} | ${"spread".padStart(13)} | ${"p50 ms".padStart(7)} | ${"p99 ms".padStart(7)} | % of bare | errors |`,
    );
    console.log(
      `|${"-".repeat(46)}|${"-".repeat(10)}|${"-".repeat(15)}|${"-".repeat(9)}|${"-".repeat(9)}|${"-".repeat(11)}|${"-".repeat(8)}|`,
    );
    for (const row of rows) console.log(formatRow(row, baseline));
    console.log(
      formatRow(
        { name: "uncached POST /v1/charts, no guards", url: "", lua: "", results: [uncached] },
        baseline,
      ),
    );
    console.log(
      `\nHit ratio on a Zipf mix (s=${ZIPF.exponent}, ${ZIPF.distinct} distinct birth data, ${mix.requests} requests, ${distinctSent} distinct sent, cold cache): ` +
        `${((mix.cacheHits / Math.max(1, mix.requests)) * 100).toFixed(1)}% ` +
        `(best possible ${(((mix.requests - distinctSent) / Math.max(1, mix.requests)) * 100).toFixed(1)}%), ` +
        `p50 ${mix.p50Ms.toFixed(2)} ms, p99 ${mix.p99Ms.toFixed(2)} ms, errors ${mix.failures}\n`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(work, { recursive: true, force: true });
  }
}

await main();
