import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { computeChart } from "@orrery/astro";
import { infra, repoRoot, stackAdminKey } from "@orrery/testing";
import { BatchApi, chartItem, jsonl } from "../test/support/batch-api.js";

// Batches end to end through the running stack (submit → completed): 1,000, 10,000 and 50,000
// charts, items/s, total time and batch-worker's peak RSS, beside the engine's raw charts/s on
// one thread and on the cores batch-worker's pool is given, measured in the same run. Then a
// 10-item batch of another tenant submitted while the 50,000-item batch runs.

// `-- --sizes 10000` runs only the sizes named (e.g. while profiling one run).
const sizesArgument = process.argv.indexOf("--sizes");
const SIZES =
  sizesArgument === -1
    ? [1_000, 10_000, 50_000]
    : (process.argv[sizesArgument + 1] ?? "").split(",").map(Number);
const threads = availableParallelism();
const WARM_UP_ITEMS = 2_000;

function pidOf(component: string): number {
  return Number(readFileSync(`${repoRoot}.data/run/${component}.pid`, "utf8").trim());
}
const workerPid = () => pidOf("batch-worker");

/** utime + stime (+ waited children's) of a process, and its ppid, in seconds (100 Hz ticks). */
function processTimes(pid: number): { cpu: number; ppid: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
    return { cpu: ticks / 100, ppid: Number(fields[1]) };
  } catch {
    return { cpu: 0, ppid: 0 };
  }
}

/** CPU seconds used so far by batch-worker, the gateway, Postgres (every backend) and Kafka. */
function cpuSeconds(): Record<"batchWorker" | "gateway" | "postgres" | "kafka", number> {
  const postmaster = pidOf("postgres");
  let postgres = processTimes(postmaster).cpu;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times.ppid === postmaster) postgres += times.cpu;
  }
  return {
    batchWorker: processTimes(workerPid()).cpu,
    gateway: processTimes(pidOf("gateway")).cpu,
    postgres,
    kafka: processTimes(pidOf("kafka")).cpu,
  };
}

/** Resident set of batch-worker (its pool threads included), MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** The engine alone on this thread: charts per second of wall time and CPU ms per chart. */
function rawCharts(seconds: number): { perSecond: number; cpuMsPerChart: number } {
  const inputs = Array.from({ length: 500 }, (_, index) => chartItem(index).params);
  for (const input of inputs.slice(0, 50)) computeChart(input);
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() < deadline) {
    computeChart(inputs[count % inputs.length] as (typeof inputs)[number]);
    count += 1;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return {
    perSecond: (count / (performance.now() - started)) * 1000,
    cpuMsPerChart: (cpu.user + cpu.system) / 1000 / count,
  };
}

async function timedBatch(
  api: BatchApi,
  key: string,
  size: number,
  offset: number,
  pid: number,
  during?: () => Promise<void>,
) {
  let peak = rssMiB(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 100);
  const body = jsonl(Array.from({ length: size }, (_, index) => chartItem(offset + index)));
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  const created = await api.call("POST", "/v1/batches", key, body, {
    "content-type": "application/jsonl",
  });
  if (created.status !== 202) throw new Error(JSON.stringify(created.body));
  const submittedMs = performance.now() - started;
  const id = created.body.id as string;
  const duringDone = during?.();
  const done = await api.until(key, id, ["completed", "failed"], 600_000);
  const totalMs = performance.now() - started;
  await duringDone;
  clearInterval(sampler);
  const cpuAfter = cpuSeconds();
  const counts = done.requestCounts as { completed: number };
  const cpuMsPerItem = (part: keyof typeof cpuAfter) =>
    ((cpuAfter[part] - cpuBefore[part]) * 1000) / size;
  return {
    size,
    submittedMs,
    totalMs,
    completed: counts.completed,
    peakRss: peak,
    cpu: {
      batchWorker: cpuMsPerItem("batchWorker"),
      gateway: cpuMsPerItem("gateway"),
      postgres: cpuMsPerItem("postgres"),
      kafka: cpuMsPerItem("kafka"),
    },
  };
}

async function main() {
  const api = new BatchApi(await stackAdminKey());
  const big = await api.tenant("premium", { monthlyQuota: 1_000_000_000 });
  const small = await api.tenant("premium", { monthlyQuota: 1_000_000_000 });
  const pid = workerPid();
  const raw = rawCharts(3);
  const perThread = raw.perSecond;
  const onCores = perThread * threads;
  console.log(
    `batch-worker pool: ${threads} threads (cores given); gateway ${infra.gatewayUrl}; after a ${WARM_UP_ITEMS.toLocaleString("en-US")}-chart warm-up batch`,
  );
  console.log("");
  // A batch first that is not measured: the pool threads' heaps and the process's buffers grow to
  // their working size on the first items, and the memory target is about how memory grows with
  // the batch's size, not about a process's first minutes.
  await timedBatch(api, big.key, WARM_UP_ITEMS, 700_000, pid);
  let smallMs = Number.NaN;
  const rows = [];
  let offset = 0;
  for (const size of SIZES) {
    const during =
      size === 50_000
        ? async () => {
            await new Promise((resolve) => setTimeout(resolve, 3_000));
            const started = performance.now();
            const tiny = await api.call(
              "POST",
              "/v1/batches",
              small.key,
              jsonl(Array.from({ length: 10 }, (_, index) => chartItem(900_000 + index))),
              { "content-type": "application/jsonl" },
            );
            await api.until(small.key, tiny.body.id as string, ["completed"], 120_000);
            smallMs = performance.now() - started;
          }
        : undefined;
    rows.push(await timedBatch(api, big.key, size, offset, pid, during));
    offset += size;
  }
  const lines = [
    "| run | items | upload ms | submit → completed s | items/s | ÷ raw on the cores | batch-worker peak RSS MiB | CPU ms per item: batch-worker / gateway / Postgres / Kafka |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| libs/astro computeChart, 1 thread (baseline) | | | | ${Math.round(perThread)} | | | ${raw.cpuMsPerChart.toFixed(3)} (the engine alone) |`,
    `| libs/astro computeChart × ${threads} threads (raw on the cores) | | | | ${Math.round(onCores)} | 1.00 | | |`,
  ];
  for (const row of rows) {
    const perSecond = (row.completed / row.totalMs) * 1000;
    lines.push(
      `| batch of charts, end to end | ${row.size.toLocaleString("en-US")} | ${Math.round(row.submittedMs)} | ${(row.totalMs / 1000).toFixed(1)} | ${Math.round(perSecond)} | ${(perSecond / onCores).toFixed(2)} | ${Math.round(row.peakRss)} | ${[row.cpu.batchWorker, row.cpu.gateway, row.cpu.postgres, row.cpu.kafka].map((ms) => ms.toFixed(3)).join(" / ")} |`,
    );
  }
  lines.push(
    `| 10-item batch of another tenant during the 50,000 | 10 | | ${(smallMs / 1000).toFixed(1)} | | | | |`,
  );
  console.log(lines.join("\n"));
  const ten = rows.find((row) => row.size === 10_000);
  const rss = rows.map((row) => row.peakRss);
  const ratio =
    rows.reduce((sum, row) => sum + (row.completed / row.totalMs) * 1000, 0) /
    rows.length /
    onCores;
  console.log("");
  console.log("Targets:");
  console.log(
    `- 10,000 charts in < 5 s: ${ten === undefined ? "?" : `${(ten.totalMs / 1000).toFixed(1)} s`} ${ten !== undefined && ten.totalMs < 5_000 ? "met" : `NOT met: the engine itself computes ~${Math.round(onCores)} charts/s on these cores, so 10,000 need ≥ ${(10_000 / onCores).toFixed(1)} s of pure compute`}`,
  );
  console.log(
    `- end-to-end ≥ 60 % of raw: ${(ratio * 100).toFixed(0)} % ${ratio >= 0.6 ? "met" : "NOT met"}`,
  );
  console.log(
    `- worker memory flat 1k → 50k (within 20 %): ${Math.round(Math.min(...rss))} → ${Math.round(Math.max(...rss))} MiB ${Math.max(...rss) <= Math.min(...rss) * 1.2 ? "met" : "NOT met"}`,
  );
  console.log(
    `- 10-item batch during the 50k in < 3 s: ${(smallMs / 1000).toFixed(1)} s ${smallMs < 3_000 ? "met" : "NOT met"}`,
  );
}

await main();
