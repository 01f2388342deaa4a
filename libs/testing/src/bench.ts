/** One row of a benchmark table. */
export interface Measurement {
  readonly path: string;
  readonly inFlight: number;
  readonly operations: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
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
  options: { rounds: number; seconds: number },
): Promise<Measurement[]> {
  for (const scenario of scenarios) await runFor(scenario, 0.5);
  const latencies = scenarios.map(() => [] as number[]);
  const elapsed = scenarios.map(() => 0);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const result = await runFor(scenario, options.seconds);
      const collected = latencies[index];
      if (collected !== undefined) for (const latency of result.latencies) collected.push(latency);
      elapsed[index] = (elapsed[index] ?? 0) + result.elapsedMs;
    }
  }
  return scenarios.map((scenario, index) => {
    const all = latencies[index] ?? [];
    const sorted = Float64Array.from(all).sort();
    return {
      path: scenario.path,
      inFlight: scenario.inFlight,
      operations: all.length,
      perSecond: ((all.length * (scenario.unitsPerOperation ?? 1)) / (elapsed[index] ?? 1)) * 1000,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  });
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
  const lines = [
    `| path | calls in flight | ${units}/s | p50 ms per call | p99 ms per call | p50 ÷ ${baseline} p50 |`,
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const base = rows.find(
      (candidate) => candidate.path === baseline && candidate.inFlight === row.inFlight,
    );
    const ratio = base === undefined ? "" : (row.p50Ms / base.p50Ms).toFixed(2);
    lines.push(
      `| ${row.path} | ${row.inFlight} | ${Math.round(row.perSecond).toLocaleString("en-US")} | ${row.p50Ms.toFixed(3)} | ${row.p99Ms.toFixed(3)} | ${ratio} |`,
    );
  }
  return lines.join("\n");
}
