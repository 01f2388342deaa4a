import { readFileSync } from "node:fs";

/** One row of a benchmark table. */
export interface Measurement {
  readonly path: string;
  readonly inFlight: number;
  readonly operations: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time the watched process (a service under test) spent per unit, when one is watched. */
  readonly cpuMicrosPerUnit?: number;
}

export interface Scenario {
  readonly path: string;
  readonly operation: () => Promise<unknown>;
  /** Operations kept outstanding at all times. */
  readonly inFlight: number;
  /** Decisions one operation carries (a batch call); the rate counts these. */
  readonly unitsPerOperation?: number;
}

async function runFor(scenario: Scenario, seconds: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      await scenario.operation();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: scenario.inFlight }, worker));
  return { latencies, elapsedMs: performance.now() - started };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/**
 * Runs every scenario for `seconds` per round, round after round (interleaved, so a burst of
 * load from elsewhere on the machine falls on all rows alike), after a warm-up round of 0.5 s,
 * and reports throughput and latency percentiles over all rounds.
 */
export async function measureAll(
  scenarios: readonly Scenario[],
  options: {
    rounds: number;
    seconds: number;
    /** CPU seconds used so far by a process to watch (see processCpuSeconds). */
    cpuSeconds?: () => number;
  },
): Promise<Measurement[]> {
  for (const scenario of scenarios) await runFor(scenario, 0.5);
  const latencies = scenarios.map(() => [] as number[]);
  const elapsed = scenarios.map(() => 0);
  const cpu = scenarios.map(() => 0);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const cpuBefore = options.cpuSeconds?.() ?? 0;
      const result = await runFor(scenario, options.seconds);
      cpu[index] = (cpu[index] ?? 0) + (options.cpuSeconds?.() ?? 0) - cpuBefore;
      const collected = latencies[index];
      if (collected !== undefined) for (const latency of result.latencies) collected.push(latency);
      elapsed[index] = (elapsed[index] ?? 0) + result.elapsedMs;
    }
  }
  return scenarios.map((scenario, index) => {
    const all = latencies[index] ?? [];
    const sorted = Float64Array.from(all).sort();
    const units = all.length * (scenario.unitsPerOperation ?? 1);
    return {
      path: scenario.path,
      inFlight: scenario.inFlight,
      operations: all.length,
      perSecond: (units / (elapsed[index] ?? 1)) * 1000,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      ...(options.cpuSeconds === undefined
        ? {}
        : { cpuMicrosPerUnit: ((cpu[index] ?? 0) * 1e6) / Math.max(units, 1) }),
    };
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Service CPU per unit and the units per second one core could serve at that cost; blank for a
 * row that barely touched the watched process (its idle timers, not work).
 */
function cpuCells(micros: number | undefined): string {
  if (micros === undefined || micros < 5) return " |";
  return `${micros.toFixed(0)} | ${Math.round(1e6 / micros).toLocaleString("en-US")}`;
}

/**
 * A markdown table; the p50 ratio is taken against the `baseline` row at the same in-flight
 * level. `units` names what the rate counts.
 */
export function formatTable(
  rows: readonly Measurement[],
  baseline: string,
  units = "decisions (ops)",
): string {
  const cpu = rows.some((row) => row.cpuMicrosPerUnit !== undefined);
  const lines = [
    `| path | calls in flight | ${units}/s | p50 ms per call | p99 ms per call | p50 ÷ ${baseline} p50 |${cpu ? " service CPU µs per unit | per core at that CPU |" : ""}`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${cpu ? " ---: | ---: |" : ""}`,
  ];
  for (const row of rows) {
    const base = rows.find(
      (candidate) => candidate.path === baseline && candidate.inFlight === row.inFlight,
    );
    const ratio = base === undefined ? "" : (row.p50Ms / base.p50Ms).toFixed(2);
    lines.push(
      `| ${row.path} | ${row.inFlight} | ${Math.round(row.perSecond).toLocaleString("en-US")} | ${row.p50Ms.toFixed(3)} | ${row.p99Ms.toFixed(3)} | ${ratio} |${cpu ? ` ${cpuCells(row.cpuMicrosPerUnit)} |` : ""}`,
    );
  }
  return lines.join("\n");
}
