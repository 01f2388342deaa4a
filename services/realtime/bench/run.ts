import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { createKafka, EventPublisher, type NewEvent } from "@orrery/events";
import { mintRealtimeToken } from "@orrery/key-contract";
import { createLogger } from "@orrery/telemetry";
import { infra, stackEnvironment, startServiceProcess } from "@orrery/testing";

// realtime's benchmark: one realtime process as the stack runs it (plus the stack's own, which
// sees every event too, as a second pod would), clients in child processes on this machine,
// quota notices produced to Kafka carrying their publish time. Every row is measured in this run.

const logger = createLogger({ service: "realtime-bench", level: "silent" });
const publisher = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "realtime-bench", logger }),
  source: "/orrery/realtime-bench",
  logger,
});
const secret = stackEnvironment("realtime").REALTIME_TOKEN_SECRET as string;
const IDLE = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 19_500);
const FANOUT = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 10_000);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const run = Date.now().toString(36);

function token(accountId: string): string {
  return mintRealtimeToken(
    {
      accountId,
      keyId: "key_bench",
      scopes: ["realtime:connect"],
      connectionLimit: 1_000_000,
      expiresAt: Math.floor(Date.now() / 1000) + 3_600,
    },
    secret,
  );
}

function notice(accountId: string): NewEvent<"orrery.quota.threshold_crossed"> {
  return {
    type: "orrery.quota.threshold_crossed",
    accountId,
    data: { accountId, thresholdPercent: 80, used: BigInt(Date.now()), quota: 1n },
  };
}

async function publishInChunks(events: NewEvent[], pauseMs: number): Promise<number> {
  const started = Date.now();
  for (let start = 0; start < events.length; start += 500) {
    // Each notice carries the time it is produced, not the time the batch was built.
    const chunk = events.slice(start, start + 500).map((event) => ({
      ...event,
      data: { ...(event.data as object), used: BigInt(Date.now()) },
    })) as NewEvent[];
    await publisher.publishMany(chunk);
    if (pauseMs > 0) await sleep(pauseMs);
  }
  return started;
}

/** A child process holding connections (bench/client-fleet.ts). */
class Fleet {
  private readonly child: ChildProcess;
  constructor() {
    this.child = fork(new URL("./client-fleet.js", import.meta.url), [], { stdio: "inherit" });
  }
  private ask<T>(command: object, answer: string): Promise<T> {
    return new Promise((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== answer) return;
        this.child.off("message", listener);
        resolve(message as T);
      };
      this.child.on("message", listener);
      this.child.send(command);
    });
  }
  open(url: string, tokens: string[], channel: string | undefined) {
    return this.ask<{ open: number; failed: number }>(
      { type: "open", url, tokens, channel, concurrency: 50 },
      "opened",
    );
  }
  collect() {
    return this.ask<{ latencies: number[]; lastArrival: number; cpuMs: number }>(
      { type: "collect" },
      "collected",
    );
  }
  async close(): Promise<void> {
    await this.ask({ type: "close" }, "closed").catch(() => undefined);
  }
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

/** CPU time (user + system) the process has used so far, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: number[], fraction: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

interface Row {
  scenario: string;
  connections: number;
  publications: number;
  deliveries: number;
  perSecond: number;
  p50: number;
  p99: number;
  note: string;
}

/** Waits until `arrivals()` reaches `expected` or stops growing for 5 s. */
async function settle(fleets: readonly Fleet[], expected: number) {
  const latencies: number[] = [];
  let lastArrival = 0;
  let clientCpuMs = 0;
  let quietSince = Date.now();
  while (latencies.length < expected && Date.now() - quietSince < 5_000) {
    await sleep(250);
    clientCpuMs = 0;
    for (const fleet of fleets) {
      const batch = await fleet.collect();
      if (batch.latencies.length > 0) quietSince = Date.now();
      for (const latency of batch.latencies) latencies.push(latency);
      lastArrival = Math.max(lastArrival, batch.lastArrival);
      clientCpuMs += batch.cpuMs;
    }
  }
  return { latencies, lastArrival, clientCpuMs };
}

/** Where the CPU went while a scenario ran: the realtime process against its clients. */
function cpuNote(podCpuMs: number, clientCpuMs: number, elapsedMs: number): string {
  const share = (ms: number) => `${((ms / elapsedMs) * 100).toFixed(0)}%`;
  return `CPU over ${(elapsedMs / 1000).toFixed(1)} s: realtime ${share(podCpuMs)}, clients ${share(clientCpuMs)} of a core`;
}

const pod = await startServiceProcess("realtime", { LOG_LEVEL: "warn" });
const url = `${pod.url.replace(/^http/, "ws")}/v1/realtime`;
const podPid = pod.pid;
const rows: Row[] = [];

try {
  // The pod's consumer group joins a few seconds after it starts.
  const probe = new Fleet();
  await probe.open(url, [token(`acc_probe_${run}`)], "usage");
  for (let tries = 0; tries < 60; tries += 1) {
    await publisher.publish(notice(`acc_probe_${run}`));
    await sleep(1_000);
    if ((await probe.collect()).latencies.length > 0) break;
  }
  await probe.close();

  // Idle connections and the memory each costs the realtime process.
  if (podPid !== undefined && IDLE > 0) {
    await sleep(1_000);
    const before = rssBytes(podPid);
    const fleets = [new Fleet(), new Fleet()];
    const started = Date.now();
    const halves = [Math.ceil(IDLE / 2), Math.floor(IDLE / 2)];
    const opened = await Promise.all(
      fleets.map((fleet, half) =>
        fleet.open(
          url,
          Array.from({ length: halves[half] ?? 0 }, (_, index) =>
            token(`acc_idle_${run}_${(half * (halves[0] ?? 0) + index) % 100}`),
          ),
          undefined,
        ),
      ),
    );
    const openMs = Date.now() - started;
    await sleep(3_000);
    const after = rssBytes(podPid);
    const open = opened.reduce((sum, result) => sum + result.open, 0);
    const failed = opened.reduce((sum, result) => sum + result.failed, 0);
    rows.push({
      scenario: "idle connections (one process)",
      connections: open,
      publications: 0,
      deliveries: 0,
      perSecond: (open / openMs) * 1000,
      p50: Number.NaN,
      p99: Number.NaN,
      note: `RSS ${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MiB: ${((after - before) / Math.max(open, 1) / 1024).toFixed(1)} KiB per connection (target ≤ 20 KB); ${failed} failed; rate = connections opened/s`,
    });
    for (const fleet of fleets) await fleet.close();
    await sleep(3_000);
  }

  // Baseline: Kafka publish → one subscriber, the path without fan-out.
  for (const [scenario, subscribers] of [
    ["fan-out baseline: 1 subscriber, 1 channel", 1],
    [`fan-out: ${FANOUT.toLocaleString("en-US")} subscribers, 1 channel`, FANOUT],
  ] as const) {
    if (subscribers === 0) continue;
    const account = `acc_fan_${run}_${subscribers}`;
    // The subscribers are spread over client processes so that reading 10,000 frames per
    // publication is not one client core's queue (which would be counted as server latency).
    const fleets = Array.from(
      { length: subscribers === 1 ? 1 : CLIENT_PROCESSES },
      () => new Fleet(),
    );
    const shares = fleets.map(
      (_, index) =>
        Math.floor(subscribers / fleets.length) + (index < subscribers % fleets.length ? 1 : 0),
    );
    const opened = await Promise.all(
      fleets.map((fleet, index) =>
        fleet.open(
          url,
          Array.from({ length: shares[index] ?? 0 }, () => token(account)),
          "usage",
        ),
      ),
    );
    const open = opened.reduce((sum, result) => sum + result.open, 0);
    const publications = 20;
    const podCpuBefore = cpuMs(podPid);
    const started = Date.now();
    for (let index = 0; index < publications; index += 1) {
      await publisher.publish(notice(account));
      await sleep(500);
    }
    const { latencies, lastArrival, clientCpuMs } = await settle(fleets, publications * open);
    const elapsed = Date.now() - started;
    rows.push({
      scenario,
      connections: open,
      publications,
      deliveries: latencies.length,
      perSecond: (latencies.length / Math.max(lastArrival - started, 1)) * 1000,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      note:
        subscribers === 1
          ? "one notice every 500 ms"
          : `one notice every 500 ms, clients in ${fleets.length} processes; p99 target ≤ 200 ms (${percentile(latencies, 0.99) <= 200 ? "met" : "missed"}); ${cpuNote(cpuMs(podPid) - podCpuBefore, clientCpuMs, elapsed)}`,
    });
    for (const fleet of fleets) await fleet.close();
  }

  // 10,000 channels of one subscriber each: one account per connection.
  if (CHANNELS > 0) {
    const accounts = Array.from({ length: CHANNELS }, (_, index) => `acc_ch_${run}_${index}`);
    const fleet = new Fleet();
    const opened = await fleet.open(url, accounts.map(token), "usage");
    for (const [scenario, pauseMs] of [
      [`${CHANNELS.toLocaleString("en-US")} channels × 1, paced 2,000 notices/s`, 250],
      [`${CHANNELS.toLocaleString("en-US")} channels × 1, one burst`, 0],
    ] as const) {
      const podCpuBefore = cpuMs(podPid);
      const started = await publishInChunks(accounts.map(notice), pauseMs);
      const { latencies, lastArrival, clientCpuMs } = await settle([fleet], CHANNELS);
      const elapsed = Date.now() - started;
      rows.push({
        scenario,
        connections: opened.open,
        publications: CHANNELS,
        deliveries: latencies.length,
        perSecond: (latencies.length / Math.max(lastArrival - started, 1)) * 1000,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        note: `${
          pauseMs > 0
            ? "500 notices every 250 ms"
            : "notices produced back to back: publications delivered/s at saturation"
        }; ${cpuNote(cpuMs(podPid) - podCpuBefore, clientCpuMs, elapsed)}`,
      });
    }
    await fleet.close();
  }
} finally {
  await pod.stop();
  await publisher.disconnect();
}

const cell = (value: number) => (Number.isNaN(value) ? "" : value.toFixed(0));
console.log(
  `\nrealtime on loopback, one process (load ${loadavg()
    .map((value) => value.toFixed(2))
    .join(" ")}; clients and Kafka on the same 2 cores)\n`,
);
console.log(
  "| scenario | connections | publications | deliveries | per s | p50 ms | p99 ms | note |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const row of rows) {
  console.log(
    `| ${row.scenario} | ${row.connections.toLocaleString("en-US")} | ${row.publications.toLocaleString("en-US")} | ${row.deliveries.toLocaleString("en-US")} | ${Math.round(row.perSecond).toLocaleString("en-US")} | ${cell(row.p50)} | ${cell(row.p99)} | ${row.note} |`,
  );
}
