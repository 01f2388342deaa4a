import { GRANULARITIES, type Granularity } from "./usage-rollups.js";

/**
 * Rollup tables are partitioned by time: minute rows by UTC day, hour rows by UTC month, day rows
 * by UTC year. Retention drops whole partitions, never rows.
 */
export interface Partition {
  readonly granularity: Granularity;
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

/** How long rows of each granularity are kept, in days. */
export type Retention = Readonly<Record<Granularity, number>>;

const DAY_MS = 24 * 60 * 60 * 1000;

function periodAfter(granularity: Granularity, from: Date): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth();
  if (granularity === "minute") return new Date(from.getTime() + DAY_MS);
  if (granularity === "hour") return new Date(Date.UTC(year, month + 1, 1));
  return new Date(Date.UTC(year + 1, 0, 1));
}

/** The partition a row of this granularity starting at `at` belongs in. */
export function partitionOf(granularity: Granularity, at: Date): Partition {
  const year = at.getUTCFullYear();
  const from =
    granularity === "minute"
      ? new Date(Date.UTC(year, at.getUTCMonth(), at.getUTCDate()))
      : granularity === "hour"
        ? new Date(Date.UTC(year, at.getUTCMonth(), 1))
        : new Date(Date.UTC(year, 0, 1));
  return { granularity, from, to: periodAfter(granularity, from) };
}

/** Rows in a partition that ends at or before this instant are past retention. */
export function retentionCutoff(granularity: Granularity, now: Date, retention: Retention): Date {
  return new Date(now.getTime() - retention[granularity] * DAY_MS);
}

export function isExpired(partition: Partition, now: Date, retention: Retention): boolean {
  return partition.to.getTime() <= retentionCutoff(partition.granularity, now, retention).getTime();
}

/** The partitions to have in place at `now`: the current one and the next, of each granularity. */
export function partitionsAhead(now: Date): Partition[] {
  return GRANULARITIES.flatMap((granularity) => {
    const current = partitionOf(granularity, now);
    return [current, partitionOf(granularity, current.to)];
  });
}
