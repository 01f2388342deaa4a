import {
  AstroTime,
  Body,
  DeltaT_JplHorizons,
  Ecliptic,
  GeoVector,
  SetDeltaTFunction,
} from "astronomy-engine";
import {
  type Chart,
  type ChartInput,
  computeChart,
  computeTransitTimeline,
  generateReading,
  listMoonPhases,
  renderChartSvg,
} from "../index.js";

// Single-threaded throughput of the engine. The baseline is astronomy-engine's own apparent
// ecliptic longitude (GeoVector with aberration, then Ecliptic) for the same ten bodies,
// positions only, measured in the same run on the same inputs.

SetDeltaTFunction(DeltaT_JplHorizons);

const ZONES = [
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Europe/Berlin",
];
const BODIES = [
  Body.Sun,
  Body.Moon,
  Body.Mercury,
  Body.Venus,
  Body.Mars,
  Body.Jupiter,
  Body.Saturn,
  Body.Uranus,
  Body.Neptune,
  Body.Pluto,
];

/** Deterministic pseudo-random inputs spread over 1900–2100 and the inhabited latitudes. */
function makeInputs(count: number, timeUnknown: boolean): ChartInput[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pad = (n: number) => String(n).padStart(2, "0");
  return Array.from({ length: count }, (_, i) => {
    const year = 1900 + Math.floor(next() * 200);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const hour = Math.floor(next() * 24);
    const minute = Math.floor(next() * 60);
    return {
      datetime: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00`,
      timezone: ZONES[i % ZONES.length]!,
      disambiguation: "compatible",
      latitude: -55 + next() * 115,
      longitude: -180 + next() * 360,
      timeUnknown,
    };
  });
}

interface Row {
  name: string;
  opsPerSecond: number;
  meanMicros: number;
  p99Micros: number;
}

function measure(name: string, count: number, run: (i: number) => unknown): Row {
  // Warm up over every input once, so that lazily built caches (Pluto's integration segments,
  // time zone rules) and the JIT are in their steady state.
  for (let i = 0; i < count; i++) run(i);
  const samples = new Float64Array(count);
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const result = run(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
    if (result !== undefined) sink++;
  }
  const totalMicros = Number(process.hrtime.bigint() - start) / 1000;
  if (sink < 0) console.log(sink);
  samples.sort();
  return {
    name,
    opsPerSecond: (count / totalMicros) * 1e6,
    meanMicros: totalMicros / count,
    p99Micros: samples[Math.floor(count * 0.99)]!,
  };
}

const N = Number(process.env.BENCH_N ?? 20000);
const TIMELINES = Math.max(2, Math.min(50, Math.floor(N / 400)));
const TIMELINE_BODIES = BODIES.filter((body) => body !== Body.Moon);
const timed = makeInputs(N, false);
const untimed = makeInputs(N, true);
const charts: Chart[] = timed.slice(0, 2000).map(computeChart);
const instants = timed.map(
  (input) => new AstroTime(new Date(computeChart({ ...input, bodies: ["sun"] }).meta.utc)),
);

const rows: Row[] = [
  measure("baseline: astronomy-engine Ecliptic(GeoVector) x10, positions only", N, (i) => {
    const time = instants[i]!;
    let sum = 0;
    for (const body of BODIES) sum += Ecliptic(GeoVector(body, time, true)).elon;
    return sum;
  }),
  measure("full chart: 13 bodies + speeds, houses, aspects, balance", N, (i) =>
    computeChart(timed[i]!),
  ),
  measure("chart without birth time", N, (i) => computeChart(untimed[i]!)),
  measure("reading (all sections)", N, (i) => generateReading(charts[i % charts.length]!)),
  measure("SVG wheel", Math.min(N, 5000), (i) => renderChartSvg(charts[i % charts.length]!)),
  // The naive way to a timeline: step through the year and look at the positions. An hour's step
  // is still 60 times coarser than the minute the timeline resolves.
  measure("baseline: a year stepped hourly, 9 bodies, positions only", 2, (i) => {
    const start = Date.UTC(2000 + i, 0, 1);
    let sum = 0;
    for (let h = 0; h < 8784; h++) {
      const time = new AstroTime(new Date(start + h * 3_600_000));
      for (const body of TIMELINE_BODIES) sum += Ecliptic(GeoVector(body, time, true)).elon;
    }
    return sum;
  }),
  measure("transit timeline: a year, 9 bodies to 15 natal points, 5 aspects", TIMELINES, (i) =>
    computeTransitTimeline(charts[i]!, { from: `${2000 + i}-01-01`, to: `${2001 + i}-01-01` }),
  ),
  measure("moon phases and eclipses: a year", TIMELINES, (i) =>
    listMoonPhases({ from: `${2000 + i}-01-01`, to: `${2001 + i}-01-01` }),
  ),
];

// Each row is compared with the baseline above it: chart work with astronomy-engine's
// positions, timelines with hourly stepping.
let baseline = rows[0]!.opsPerSecond;
const header = ["benchmark", "ops/s", "mean µs", "p99 µs", "vs baseline"];
const table = rows.map((r) => {
  if (r.name.startsWith("baseline:")) baseline = r.opsPerSecond;
  return [
    r.name,
    r.opsPerSecond.toFixed(r.opsPerSecond < 100 ? 2 : 0),
    r.meanMicros.toFixed(1),
    r.p99Micros.toFixed(1),
    `${(r.opsPerSecond / baseline).toFixed(2)}x`,
  ];
});
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
const format = (cells: string[]) =>
  `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
console.log(`@orrery/astro bench, ${N} charts over 1900–2100, Node ${process.version}, one thread`);
console.log(format(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(format(row));
const full = rows[1]!.opsPerSecond;
console.log(
  `target ≥ 5000 full charts/s: ${full >= 5000 ? "met" : "NOT met"} (${full.toFixed(0)}/s)`,
);
