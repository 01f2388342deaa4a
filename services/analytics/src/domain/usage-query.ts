import type { UsageDimension } from "@orrery/analytics-contract";
import { DomainError } from "@orrery/errors";
import { LatencySketch } from "./latency-sketch.js";
import { bucketStart, GRANULARITY_MS, type Granularity } from "./usage-rollups.js";

export type { UsageDimension };

/** Buckets one query may return per group: 92 days of hours (or ~37 h of minutes, ~6 years of days). */
export const MAX_QUERY_BUCKETS = 2_208;
const DEFAULT_BUCKETS = 24;
/** Usage ranges lie within these (so every instant stays a plain RFC 3339 date-time). */
export const EARLIEST = new Date("1970-01-01T00:00:00Z");
export const LATEST = new Date("9999-01-01T00:00:00Z");

export interface UsageQueryInput {
  readonly accountId: string;
  readonly from: Date | undefined;
  readonly to: Date | undefined;
  readonly granularity: Granularity | undefined;
  readonly groupBy: UsageDimension | undefined;
  /** Empty: every route. */
  readonly route: string;
  /** Empty: every key. */
  readonly keyId: string;
}

/** A query after defaults and rounding: [from, to) on bucket boundaries. */
export interface ResolvedUsageQuery {
  readonly accountId: string;
  readonly from: Date;
  readonly to: Date;
  readonly granularity: Granularity;
  readonly groupBy: UsageDimension | undefined;
  readonly route: string;
  readonly keyId: string;
}

/** What the rollups count, summed over a bucket, a group or the whole range. */
export interface UsageTotals {
  readonly requests: number;
  readonly errors4xx: number;
  readonly errors5xx: number;
  readonly rateLimited: number;
  readonly cacheHits: number;
  readonly bytes: number;
  readonly quotaUnits: number;
}

/** Summed rollups of one bucket and group, with their merged latency sketch. */
export interface UsageSeriesRow extends UsageTotals {
  readonly start: Date;
  readonly group: string;
  readonly latency: LatencySketch;
}

export interface UsageQueryStore {
  series(query: ResolvedUsageQuery): Promise<UsageSeriesRow[]>;
}

export interface UsageMetrics extends UsageTotals {
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
  readonly p99Ms: number | undefined;
}

export interface UsageReport {
  readonly from: Date;
  readonly to: Date;
  readonly granularity: Granularity;
  readonly series: readonly { start: Date; group: string; metrics: UsageMetrics }[];
  readonly totals: UsageMetrics;
}

/** Summed rollup counts with their merged latency sketch. */
export type UsageCounts = Omit<UsageSeriesRow, "start" | "group">;

export function emptyCounts(): UsageCounts & {
  -readonly [K in keyof UsageCounts]: UsageCounts[K];
} {
  return {
    requests: 0,
    errors4xx: 0,
    errors5xx: 0,
    rateLimited: 0,
    cacheHits: 0,
    bytes: 0,
    quotaUnits: 0,
    latency: new LatencySketch(),
  };
}

export function addCounts(total: ReturnType<typeof emptyCounts>, row: UsageCounts): void {
  total.requests += row.requests;
  total.errors4xx += row.errors4xx;
  total.errors5xx += row.errors5xx;
  total.rateLimited += row.rateLimited;
  total.cacheHits += row.cacheHits;
  total.bytes += row.bytes;
  total.quotaUnits += row.quotaUnits;
  total.latency.merge(row.latency);
}

export function metricsOf(row: UsageCounts): UsageMetrics {
  const [p50Ms, p95Ms, p99Ms] = row.latency.quantiles([0.5, 0.95, 0.99]);
  return {
    requests: row.requests,
    errors4xx: row.errors4xx,
    errors5xx: row.errors5xx,
    rateLimited: row.rateLimited,
    cacheHits: row.cacheHits,
    bytes: row.bytes,
    quotaUnits: row.quotaUnits,
    p50Ms,
    p95Ms,
    p99Ms,
  };
}

/** Rounds and bounds a query; throws VALIDATION_FAILED, INVALID_RANGE or USAGE_QUERY_TOO_LARGE. */
export function resolveUsageQuery(input: UsageQueryInput, now: Date): ResolvedUsageQuery {
  if (input.accountId === "") {
    throw new DomainError("VALIDATION_FAILED", "accountId is required.", {
      violations: [{ field: "accountId", code: "REQUIRED", message: "Required." }],
    });
  }
  const granularity = input.granularity ?? "hour";
  const size = GRANULARITY_MS[granularity];
  const toInstant = (input.to ?? now).getTime();
  const to = new Date(Math.ceil(toInstant / size) * size);
  const from =
    input.from === undefined
      ? new Date(to.getTime() - DEFAULT_BUCKETS * size)
      : bucketStart(input.from, granularity);
  if (from.getTime() >= to.getTime()) {
    throw new DomainError("INVALID_RANGE", "from must be before to.");
  }
  if (from.getTime() < EARLIEST.getTime() || to.getTime() > LATEST.getTime()) {
    throw new DomainError("INVALID_RANGE", "Usage ranges lie between 1970 and 9998.");
  }
  const buckets = (to.getTime() - from.getTime()) / size;
  if (buckets > MAX_QUERY_BUCKETS) {
    throw new DomainError(
      "USAGE_QUERY_TOO_LARGE",
      `The range holds ${buckets} ${granularity} buckets; one query returns at most ${MAX_QUERY_BUCKETS}.`,
      { metadata: { limit: String(MAX_QUERY_BUCKETS), buckets: String(buckets) } },
    );
  }
  return {
    accountId: input.accountId,
    from,
    to,
    granularity,
    groupBy: input.groupBy,
    route: input.route,
    keyId: input.keyId,
  };
}

/** Usage over time for one account, from the rollups; percentiles from merged sketches. */
export class UsageReports {
  constructor(
    private readonly store: UsageQueryStore,
    private readonly now: () => Date,
  ) {}

  async query(input: UsageQueryInput): Promise<UsageReport> {
    const query = resolveUsageQuery(input, this.now());
    const rows = await this.store.series(query);
    const total = emptyCounts();
    for (const row of rows) addCounts(total, row);
    return {
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      series: rows.map((row) => ({ start: row.start, group: row.group, metrics: metricsOf(row) })),
      totals: metricsOf(total),
    };
  }
}
