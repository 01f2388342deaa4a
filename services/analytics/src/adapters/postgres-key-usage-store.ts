import type pg from "pg";
import type { KeyUsageStore, UsageBucket } from "../domain/key-usage.js";

/** Per key, UTC day and route: the day rollups summed over status classes and cache outcomes. */
export const KEY_USAGE_SQL = `
  SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, route,
         sum(requests)::bigint AS requests,
         sum(errors_4xx + errors_5xx)::bigint AS errors,
         sum(rate_limited)::bigint AS rate_limited,
         coalesce(sum(requests) FILTER (WHERE cache_hit), 0)::bigint AS cache_hits,
         sum(bytes)::bigint AS bytes
  FROM usage_rollup_day
  WHERE account_id = $1 AND key_id = $2 AND bucket_start >= $3 AND bucket_start <= $4
  GROUP BY 1, 2
  ORDER BY 1, 2`;

interface KeyUsageRow {
  day: string;
  route: string;
  requests: string;
  errors: string;
  rate_limited: string;
  cache_hits: string;
  bytes: string;
}

export class PostgresKeyUsageStore implements KeyUsageStore {
  constructor(private readonly pool: pg.Pool) {}

  async buckets(
    accountId: string,
    keyId: string,
    fromDay: string,
    toDay: string,
  ): Promise<UsageBucket[]> {
    const { rows } = await this.pool.query<KeyUsageRow>(KEY_USAGE_SQL, [
      accountId,
      keyId,
      `${fromDay}T00:00:00Z`,
      `${toDay}T00:00:00Z`,
    ]);
    return rows.map((row) => ({
      day: row.day,
      route: row.route,
      requests: BigInt(row.requests),
      errors: BigInt(row.errors),
      rateLimited: BigInt(row.rate_limited),
      cacheHits: BigInt(row.cache_hits),
      bytes: BigInt(row.bytes),
    }));
  }
}
