/** The time ranges the dashboard offers, each read at one granularity of the usage rollups. */
export type RangeName = "1h" | "24h" | "7d" | "30d";
export type Granularity = "minute" | "hour" | "day";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const BUCKET_MS: Record<Granularity, number> = { minute: MINUTE, hour: HOUR, day: DAY };

export const RANGES: Record<RangeName, { spanMs: number; granularity: Granularity }> = {
  "1h": { spanMs: HOUR, granularity: "minute" },
  "24h": { spanMs: DAY, granularity: "hour" },
  "7d": { spanMs: 7 * DAY, granularity: "hour" },
  "30d": { spanMs: 30 * DAY, granularity: "day" },
};

export function isRangeName(value: string): value is RangeName {
  return Object.hasOwn(RANGES, value);
}

export interface Window {
  readonly from: Date;
  readonly to: Date;
  readonly granularity: Granularity;
}

/**
 * The range ending now, aligned to its buckets as the API aligns them (start rounded down,
 * end rounded up), so the chart's first and last buckets are whole.
 */
export function windowOf(range: RangeName, now: Date): Window {
  const { spanMs, granularity } = RANGES[range];
  const bucket = BUCKET_MS[granularity];
  const to = Math.ceil(now.getTime() / bucket) * bucket;
  const from = Math.floor((now.getTime() - spanMs) / bucket) * bucket;
  return { from: new Date(from), to: new Date(to), granularity };
}

/** The query string of GET /v1/analytics/usage for a window. */
export function usageQuery(window: Window, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    granularity: window.granularity,
    ...extra,
  }).toString();
}

export interface Point {
  readonly start: string;
  readonly [metric: string]: unknown;
}

/**
 * One value per bucket of the window, from the API's series (which lists only buckets with
 * traffic): counts are 0 in a quiet bucket, latencies are absent (a gap, not a zero).
 */
export function fillBuckets(
  window: Window,
  series: readonly Point[],
  metrics: readonly string[],
  absent: "zero" | "gap",
): { times: number[]; values: (number | null)[][] } {
  const bucket = BUCKET_MS[window.granularity];
  const byStart = new Map(series.map((point) => [Date.parse(point.start), point]));
  const times: number[] = [];
  const values: (number | null)[][] = metrics.map(() => []);
  for (let start = window.from.getTime(); start < window.to.getTime(); start += bucket) {
    times.push(start / 1000);
    const point = byStart.get(start);
    metrics.forEach((metric, index) => {
      const value = point?.[metric];
      values[index]?.push(typeof value === "number" ? value : absent === "zero" ? 0 : null);
    });
  }
  return { times, values };
}

export interface Ranked {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly rateLimited: number;
}

/** A grouped series summed per group over the window, busiest first (counts only: percentiles
 * cannot be summed, so a ranking built here carries none). */
export function rankGroups(
  series: readonly (Point & { group?: string })[],
  limit: number,
): Ranked[] {
  const sums = new Map<string, { requests: number; errors: number; rateLimited: number }>();
  for (const point of series) {
    const name = point.group ?? "";
    const sum = sums.get(name) ?? { requests: 0, errors: 0, rateLimited: 0 };
    sum.requests += numberOf(point.requests);
    sum.errors += numberOf(point.errors);
    sum.rateLimited += numberOf(point.rateLimited);
    sums.set(name, sum);
  }
  return [...sums]
    .map(([name, sum]) => ({ name, ...sum }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name))
    .slice(0, limit);
}

function numberOf(value: unknown): number {
  return typeof value === "number" ? value : 0;
}
