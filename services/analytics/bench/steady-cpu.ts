import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createKafka, EventPublisher, type NewEvent } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import { infra, repoRoot, waitFor } from "@orrery/testing";
import pg from "pg";

// What counting costs at the gateway's pace, without the gateway: usage events produced to
// orrery.usage.v1 at a steady rate (default 2,000/s for 20 s, as cached chart traffic would make
// them), counted by the stack's own analytics process; its CPU and that of its Postgres backends
// are read from /proc before and after, beside the same process's CPU while idle for as long.
//
//   node dist-bench/bench/steady-cpu.js [events-per-second] [seconds]

const RATE = Number(process.argv[2] ?? 2_000);
const SECONDS = Number(process.argv[3] ?? 20);
const logger = createLogger({ service: "analytics-steady-cpu", level: "silent" });
const publisher = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "analytics-steady-cpu", logger }),
  source: "/orrery/gateway",
  logger,
});
const admin = new pg.Client({ connectionString: infra.adminDatabaseUrl });
const analyticsPid = Number(readFileSync(`${repoRoot}/.data/run/analytics.pid`, "utf8").trim());
const HZ = 100;

function ticks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function backends(): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = 'orrery_analytics' AND application_name LIKE 'analytics%'",
  );
  return rows.map((row) => row.pid);
}

async function measure(work: () => Promise<void>): Promise<{ node: number; postgres: number }> {
  const before = await backends();
  const node = ticks(analyticsPid);
  const postgres = new Map(before.map((pid) => [pid, ticks(pid)]));
  await work();
  const after = await backends();
  let postgresTicks = 0;
  for (const pid of new Set([...before, ...after]))
    postgresTicks += ticks(pid) - (postgres.get(pid) ?? 0);
  return { node: (ticks(analyticsPid) - node) / HZ, postgres: postgresTicks / HZ };
}

async function main(): Promise<void> {
  await admin.connect();
  const run = randomUUID().slice(0, 8);
  // The stack's analytics database, as the stack gives it to the service.
  const analyticsUrl = execFileSync(`${repoRoot}/scripts/stack`, ["env", "analytics"], {
    encoding: "utf8",
  })
    .split("\n")
    .find((line) => line.startsWith("DATABASE_URL="))
    ?.slice("DATABASE_URL=".length);
  const analytics = new pg.Client({ connectionString: analyticsUrl });
  await analytics.connect();
  const total = RATE * SECONDS;
  const idle = await measure(() => new Promise((resolve) => setTimeout(resolve, SECONDS * 1000)));
  const busy = await measure(async () => {
    const tick = 100;
    const perTick = Math.round((RATE * tick) / 1000);
    const started = Date.now();
    for (let sent = 0; sent < total; sent += perTick) {
      const events: NewEvent[] = Array.from({ length: perTick }, (_, index) => {
        const accountId = `acc_steady_${run}_${(sent + index) % 20}`;
        return {
          type: "orrery.usage.recorded",
          accountId,
          data: {
            accountId,
            keyId: `key_${(sent + index) % 3}`,
            route: "POST /v1/charts",
            status: 200,
            latencyMs: 0.5 + ((sent + index) % 40) / 10,
            responseBytes: 2_400n,
            cacheHit: true,
            cost: 1,
          },
        };
      });
      await publisher.publishMany(events);
      const due = started + ((sent + perTick) / RATE) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    // Until the stack's analytics has counted them all.
    await waitFor(
      async () => {
        const { rows } = await analytics.query<{ requests: string | null }>(
          "SELECT sum(requests) AS requests FROM usage_rollup_minute WHERE account_id LIKE $1",
          [`acc_steady_${run}_%`],
        );
        return Number(rows[0]?.requests ?? 0) >= total ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200, message: "every event counted" },
    );
  });
  console.log("| measurement | value |");
  console.log("| --- | --- |");
  console.log(`| events produced | ${total} at ${RATE}/s |`);
  const share = (seconds: number) => `${((seconds / SECONDS) * 100).toFixed(1)} % of one core`;
  console.log(
    `| idle, ${SECONDS} s: analytics / its Postgres backends | ${share(idle.node)} / ${share(idle.postgres)} |`,
  );
  console.log(
    `| busy, ${SECONDS} s: analytics / its Postgres backends | ${share(busy.node)} / ${share(busy.postgres)} |`,
  );
  console.log(
    `| load average at the end | ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]} |`,
  );
  await publisher.disconnect();
  await admin.end();
  await analytics.end();
}

await main();
