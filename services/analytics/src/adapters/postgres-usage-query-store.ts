import type pg from "pg";
import { LatencySketch } from "../domain/latency-sketch.js";
import type { OverviewDimension, UsageOverviewStore } from "../domain/usage-overview.js";
import type {
  ResolvedUsageQuery,
  UsageCounts,
  UsageDimension,
  UsageQueryStore,
  UsageSeriesRow,
} from "../domain/usage-query.js";
import { ROLLUP_TABLES } from "./postgres-rollup-store.js";

const GROUP_EXPRESSIONS: Record<UsageDimension, string> = {
  route: "route",
  key: "key_id",
  status: "status_class::text || 'xx'",
  cache: "CASE WHEN cache_hit THEN 'hit' ELSE 'miss' END",
};

/**
 * One account's rollups in [from, to), summed per bucket (and group); the sketches of a bucket
 * come back concatenated (pairs of bucket index and count) and are merged by the caller. The
 * primary key (account_id, bucket_start, …) bounds the scan; partitions outside the range are
 * pruned.
 */
export function usageSeriesQuery(query: ResolvedUsageQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [query.accountId, query.from, query.to];
  const filters = ["account_id = $1", "bucket_start >= $2", "bucket_start < $3"];
  if (query.route !== "") {
    values.push(query.route);
    filters.push(`route = $${values.length}`);
  }
  if (query.keyId !== "") {
    values.push(query.keyId);
    filters.push(`key_id = $${values.length}`);
  }
  const group = query.groupBy === undefined ? "''" : GROUP_EXPRESSIONS[query.groupBy];
  return {
    text: `
  SELECT bucket_start, ${group} AS usage_group,
         sum(requests)::bigint AS requests, sum(errors_4xx)::bigint AS errors_4xx,
         sum(errors_5xx)::bigint AS errors_5xx, sum(rate_limited)::bigint AS rate_limited,
         coalesce(sum(requests) FILTER (WHERE cache_hit), 0)::bigint AS cache_hits,
         sum(bytes)::bigint AS bytes, sum(quota_units)::bigint AS quota_units,
         string_agg(array_to_string(latency_sketch, ','), ',') AS latency
  FROM ${ROLLUP_TABLES[query.granularity]}
  WHERE ${filters.join(" AND ")}
  GROUP BY 1, 2
  ORDER BY 1, 2`,
    values,
  };
}

interface SeriesRow {
  bucket_start: Date;
  usage_group: string;
  requests: string;
  errors_4xx: string;
  errors_5xx: string;
  rate_limited: string;
  cache_hits: string;
  bytes: string;
  quota_units: string;
  latency: string | null;
}

export class PostgresUsageQueryStore implements UsageQueryStore {
  constructor(private readonly pool: pg.Pool) {}

  async series(query: ResolvedUsageQuery): Promise<UsageSeriesRow[]> {
    const { text, values } = usageSeriesQuery(query);
    const { rows } = await this.pool.query<SeriesRow>(text, values);
    return rows.map((row) => ({
      start: row.bucket_start,
      group: row.usage_group,
      ...countsOf(row),
    }));
  }
}

function countsOf(row: Omit<SeriesRow, "bucket_start" | "usage_group">): UsageCounts {
  const latency = new LatencySketch();
  if (row.latency !== null) latency.mergeText(row.latency);
  return {
    requests: Number(row.requests),
    errors4xx: Number(row.errors_4xx),
    errors5xx: Number(row.errors_5xx),
    rateLimited: Number(row.rate_limited),
    cacheHits: Number(row.cache_hits),
    bytes: Number(row.bytes),
    quotaUnits: Number(row.quota_units),
    latency,
  };
}

/**
 * Every account's (or route's) sums over [from, to) from the hour rollups: a scan of the
 * partitions the range touches (an operators' view, not a hot path).
 */
export function overviewQuery(dimension: OverviewDimension): string {
  const name = dimension === "account" ? "account_id" : "route";
  return `
  SELECT ${name} AS name,
         sum(requests)::bigint AS requests, sum(errors_4xx)::bigint AS errors_4xx,
         sum(errors_5xx)::bigint AS errors_5xx, sum(rate_limited)::bigint AS rate_limited,
         coalesce(sum(requests) FILTER (WHERE cache_hit), 0)::bigint AS cache_hits,
         sum(bytes)::bigint AS bytes, sum(quota_units)::bigint AS quota_units,
         string_agg(array_to_string(latency_sketch, ','), ',') AS latency
  FROM usage_rollup_hour
  WHERE bucket_start >= $1 AND bucket_start < $2
  GROUP BY 1`;
}

export class PostgresUsageOverviewStore implements UsageOverviewStore {
  constructor(private readonly pool: pg.Pool) {}

  async totalsBy(
    dimension: OverviewDimension,
    from: Date,
    to: Date,
  ): Promise<(UsageCounts & { name: string })[]> {
    const { rows } = await this.pool.query<
      Omit<SeriesRow, "bucket_start" | "usage_group"> & { name: string }
    >(overviewQuery(dimension), [from, to]);
    return rows.map((row) => ({ name: row.name, ...countsOf(row) }));
  }
}
