import { GRANULARITIES, type Granularity } from "@orrery/analytics-contract";
import { bucketOf, LatencySketch } from "./latency-sketch.js";

/** One usage event (one public API request), as far as the rollups care. */
export interface UsageRecord {
  /** The event's id: the unit of de-duplication. */
  readonly eventId: string;
  readonly accountId: string;
  /** Empty for a request refused before its key was known. */
  readonly keyId: string;
  /** Route template, e.g. "POST /v1/charts". */
  readonly route: string;
  /** When the request was answered. */
  readonly at: Date;
  readonly status: number;
  readonly rateLimited: boolean;
  readonly cacheHit: boolean;
  readonly latencyMs: number;
  readonly bytes: number;
  readonly quotaUnits: number;
}

export { GRANULARITIES, type Granularity };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const GRANULARITY_MS: Record<Granularity, number> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

/** The start of the UTC minute, hour or day `at` falls in. */
export function bucketStart(at: Date, granularity: Granularity): Date {
  const size = GRANULARITY_MS[granularity];
  return new Date(Math.floor(at.getTime() / size) * size);
}

/** The dimensions of one rollup row. */
export interface RollupKey {
  readonly bucketStart: Date;
  readonly accountId: string;
  readonly keyId: string;
  readonly route: string;
  /** The status's hundreds: 2 for 2xx, 4 for 4xx, … */
  readonly statusClass: number;
  readonly cacheHit: boolean;
}

export interface RollupCounts {
  requests: number;
  /** 4xx responses other than rate-limit refusals (counted in rateLimited). */
  errors4xx: number;
  errors5xx: number;
  rateLimited: number;
  bytes: number;
  quotaUnits: number;
  readonly latency: LatencySketch;
}

export type RollupRow = RollupKey & RollupCounts;

/**
 * Adds records up into rollup rows, one list per granularity, in one pass over the records (each
 * record's status class and latency bucket worked out once for all of them): one row per bucket,
 * account, key, route, status class and cache outcome, sorted by those (writers lock rows in one
 * order). `include` leaves a record out of a granularity (its partition is past retention).
 */
export function rollUpAll(
  records: readonly UsageRecord[],
  granularities: readonly Granularity[],
  include: (record: UsageRecord, granularity: Granularity) => boolean = () => true,
): Partial<Record<Granularity, RollupRow[]>> {
  // Rows by bucket start, then by dimensions: one dimensions string per record serves all three
  // granularities (its hash computed once), where a string id per granularity cost three.
  const maps = granularities.map(() => new Map<number, Map<string, RollupRow>>());
  const sizes = granularities.map((granularity) => GRANULARITY_MS[granularity]);
  for (const record of records) {
    const at = record.at.getTime();
    const statusClass = Math.floor(record.status / 100);
    const latencyBucket = bucketOf(record.latencyMs);
    const dimensions = `${record.accountId}\u0000${record.keyId}\u0000${record.route}\u0000${statusClass}\u0000${record.cacheHit ? 1 : 0}`;
    for (let index = 0; index < granularities.length; index += 1) {
      const granularity = granularities[index] as Granularity;
      if (!include(record, granularity)) continue;
      const size = sizes[index] as number;
      const start = Math.floor(at / size) * size;
      const buckets = maps[index] as Map<number, Map<string, RollupRow>>;
      let rows = buckets.get(start);
      if (rows === undefined) {
        rows = new Map();
        buckets.set(start, rows);
      }
      let row = rows.get(dimensions);
      if (row === undefined) {
        row = {
          bucketStart: new Date(start),
          accountId: record.accountId,
          keyId: record.keyId,
          route: record.route,
          statusClass,
          cacheHit: record.cacheHit,
          requests: 0,
          errors4xx: 0,
          errors5xx: 0,
          rateLimited: 0,
          bytes: 0,
          quotaUnits: 0,
          latency: new LatencySketch(),
        };
        rows.set(dimensions, row);
      }
      row.requests += 1;
      if (record.rateLimited) row.rateLimited += 1;
      else if (statusClass === 4) row.errors4xx += 1;
      else if (statusClass === 5) row.errors5xx += 1;
      row.bytes += record.bytes;
      row.quotaUnits += record.quotaUnits;
      row.latency.addToBucket(latencyBucket, 1);
    }
  }
  const result: Partial<Record<Granularity, RollupRow[]>> = {};
  granularities.forEach((granularity, index) => {
    const buckets = maps[index] as Map<number, Map<string, RollupRow>>;
    const sorted: RollupRow[] = [];
    for (const start of [...buckets.keys()].sort((a, b) => a - b)) {
      const rows = buckets.get(start) as Map<string, RollupRow>;
      for (const dimensions of [...rows.keys()].sort())
        sorted.push(rows.get(dimensions) as RollupRow);
    }
    result[granularity] = sorted;
  });
  return result;
}
