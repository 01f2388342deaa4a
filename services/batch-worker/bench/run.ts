import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { computeChart } from "@orrery/astro";
import { infra, repoRoot, stackAdminKey } from "@orrery/testing";
import { BatchApi, chartItem, jsonl } from "../test/support/batch-api.js";

// Batches end to end through the running stack (submit → completed): 1,000, 10,000 and 50,000
// charts, items/s, total time and batch-worker's peak RSS, beside the engine's raw charts/s on
// one thread and on the cores batch-worker's pool is given, measured in the same run. Then a
// 10-item batch of another tenant submitted while the 50,000-item batch runs.

const SIZES = [1_000, 10_000, 50_000];
const threads = availableParallelism();

function workerPid(): number {
  return Number(readFileSync(`${repoRoot}.data/run/batch-worker.pid`, "utf8").trim());
}

/** Resident set of batch-worker (its pool threads included), MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

function rawChartsPerSecond(seconds: number): number {
  const inputs = Array.from({ length: 500 }, (_, index) => chartItem(index).params);
  for (const input of inputs.slice(0, 50)) computeChart(input);
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    computeChart(inputs[count % inputs.length] as (typeof inputs)[number]);
    count += 1;
  }
  return (count / (performance.now() - started)) * 1000;
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
  const counts = done.requestCounts as { completed: number };
  return { size, submittedMs, totalMs, completed: counts.completed, peakRss: peak };
}

async function main() {
  const api = new BatchApi(await stackAdminKey());
  const big = await api.tenant("premium", { monthlyQuota: 1_000_000_000 });
  const small = await api.tenant("premium", { monthlyQuota: 1_000_000_000 });
  const pid = workerPid();
  const perThread = rawChartsPerSecond(3);
  const onCores = perThread * threads;
  console.log(`batch-worker pool: ${threads} threads (cores given); gateway ${infra.gatewayUrl}`);
  console.log("");
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
    "| run | items | upload ms | submit → completed s | items/s | ÷ raw on the cores | batch-worker peak RSS MiB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| libs/astro computeChart, 1 thread (baseline) | | | | ${Math.round(perThread)} | | |`,
    `| libs/astro computeChart × ${threads} threads (raw on the cores) | | | | ${Math.round(onCores)} | 1.00 | |`,
  ];
  for (const row of rows) {
    const perSecond = (row.completed / row.totalMs) * 1000;
    lines.push(
      `| batch of charts, end to end | ${row.size.toLocaleString("en-US")} | ${Math.round(row.submittedMs)} | ${(row.totalMs / 1000).toFixed(1)} | ${Math.round(perSecond)} | ${(perSecond / onCores).toFixed(2)} | ${Math.round(row.peakRss)} |`,
    );
  }
  lines.push(
    `| 10-item batch of another tenant during the 50,000 | 10 | | ${(smallMs / 1000).toFixed(1)} | | | |`,
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
    `- 10,000 charts in < 5 s: ${ten === undefined ? "?" : `${(ten.totalMs / 1000).toFixed(1)} s`} ${ten !== undefined && ten.totalMs < 5_000 ? "met" : "NOT met: the engine itself computes ~" + Math.round(onCores) + " charts/s on these cores, so 10,000 need ≥ " + (10_000 / onCores).toFixed(1) + " s of pure compute"}`,
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
