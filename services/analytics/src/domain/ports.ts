import type { Partition } from "./partitions.js";
import type { Granularity, RollupRow } from "./usage-rollups.js";

/** One database transaction of the ingest: the ids it claims commit with the rows it adds. */
export interface RollupTransaction {
  /** Remembers the event ids; returns those not seen before (the ones to count). */
  claimEventIds(eventIds: readonly string[]): Promise<Set<string>>;
  /**
   * Adds the rows' counts and sketches to the stored rows of the same dimensions, every
   * granularity at once.
   */
  addRollups(rows: Partial<Record<Granularity, readonly RollupRow[]>>): Promise<void>;
}

export interface RollupStore {
  /** Runs `work` in one transaction: all of it commits, or none. */
  transaction<T>(work: (transaction: RollupTransaction) => Promise<T>): Promise<T>;
  /** Creates the partitions that do not exist yet (idempotent, safe across replicas). */
  ensurePartitions(partitions: readonly Partition[]): Promise<void>;
  listPartitions(granularity: Granularity): Promise<Partition[]>;
  dropPartition(partition: Partition): Promise<void>;
  /** Forgets claimed event ids older than the given instant; returns how many. */
  forgetEventIdsBefore(before: Date): Promise<number>;
}
