import { loadCityColumns } from "../city-data.js";
import { foldForSearch, loadPlaces, searchPlaces } from "../index.js";

// Place search latency and memory. The baseline is the obvious implementation measured in the
// same run on the same queries: a scan of every folded name with startsWith, then a sort of
// the matches by population.

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const heapBefore = heapMb();
const rssBefore = process.memoryUsage().rss / 2 ** 20;
const loadStart = performance.now();
const { cities } = loadPlaces();
const loadMs = performance.now() - loadStart;
const heapIndex = heapMb() - heapBefore;
const rssIndex = process.memoryUsage().rss / 2 ** 20 - rssBefore;

// Queries people type: prefixes of 1 to 8 letters of real names, most populous first.
const columns = loadCityColumns();
const order = Array.from({ length: columns.count }, (_, i) => i).sort(
  (a, b) => columns.populations[b]! - columns.populations[a]!,
);
let seed = 7;
const next = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const queries = Array.from({ length: 2000 }, () => {
  const name = columns.names[order[Math.floor(next() ** 3 * 20000)]!]!;
  return name.slice(0, 1 + Math.floor(next() * Math.min(8, name.length)));
});

const folded = columns.names.map(foldForSearch);
function scan(query: string): number[] {
  const q = foldForSearch(query);
  const hits: number[] = [];
  for (let i = 0; i < folded.length; i++) if (folded[i]!.startsWith(q)) hits.push(i);
  return hits.sort((a, b) => columns.populations[b]! - columns.populations[a]!).slice(0, 10);
}

interface Row {
  name: string;
  p50: number;
  p99: number;
  perSecond: number;
}

function measure(name: string, run: (q: string) => unknown): Row {
  for (const q of queries) run(q);
  const samples: number[] = [];
  const start = performance.now();
  for (const q of queries) {
    const t0 = performance.now();
    run(q);
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    name,
    p50: samples[Math.floor(samples.length / 2)]!,
    p99: samples[Math.floor(samples.length * 0.99)]!,
    perSecond: (queries.length / total) * 1000,
  };
}

const rows = [
  measure("baseline: scan all names, sort matches", scan),
  measure("searchPlaces, limit 10 (with time zones)", (q) => searchPlaces({ query: q, limit: 10 })),
];
const heapAfter = heapMb() - heapBefore;

console.log(
  `@orrery/places bench, ${cities} cities, ${queries.length} prefix queries, Node ${process.version}`,
);
console.log("| benchmark | searches/s | p50 ms | p99 ms | vs baseline |");
console.log("|---|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${(r.perSecond / rows[0]!.perSecond).toFixed(1)}x |`,
  );
}
console.log(
  `index: built in ${loadMs.toFixed(0)} ms, heap +${heapIndex.toFixed(0)} MiB, RSS +${rssIndex.toFixed(0)} MiB; heap with the time zones of the results looked up: +${heapAfter.toFixed(0)} MiB${gc ? "" : " (run with --expose-gc for exact heap figures)"}`,
);
