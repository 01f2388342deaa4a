import {
  isExpired,
  type Partition,
  partitionOf,
  partitionsAhead,
  type Retention,
} from "./partitions.js";
import type { RollupStore } from "./ports.js";
import { GRANULARITIES, type Granularity, rollUpAll, type UsageRecord } from "./usage-rollups.js";

export interface IngestOutcome {
  /** Events counted now. */
  readonly counted: number;
  /** Events counted before (redelivered, or twice in the batch). */
  readonly duplicates: number;
  /** Events without an account: refused before anyone was known, so nobody's usage. */
  readonly anonymous: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Usage events into minute, hour and day rollups, counted exactly once: a batch's event ids are
 * claimed in the same transaction that adds the batch's rows, so a redelivered batch (a crash
 * before the offset commit, a rebalance) finds its ids claimed and adds nothing. Claimed ids are
 * kept longer than the topic keeps events (`seenWindowDays`).
 */
export class UsageIngest {
  private readonly ready = new Set<string>();

  constructor(
    private readonly store: RollupStore,
    private readonly retention: Retention,
    private readonly now: () => Date,
    private readonly seenWindowDays: number,
  ) {}

  async ingest(records: readonly UsageRecord[]): Promise<IngestOutcome> {
    const unique = new Map<string, UsageRecord>();
    let anonymous = 0;
    for (const record of records) {
      if (record.accountId === "") anonymous += 1;
      else if (!unique.has(record.eventId)) unique.set(record.eventId, record);
    }
    if (unique.size === 0) return { counted: 0, duplicates: records.length - anonymous, anonymous };
    // Partitions and retention depend only on a record's UTC day: decided once per day seen.
    const now = this.now();
    const days = new Map<number, DayPartitions>();
    const dayOf = (record: UsageRecord): DayPartitions => {
      const day = Math.floor(record.at.getTime() / DAY_MS);
      let partitions = days.get(day);
      if (partitions === undefined) {
        partitions = dayPartitions(new Date(day * DAY_MS), now, this.retention);
        days.set(day, partitions);
      }
      return partitions;
    };
    for (const record of unique.values()) dayOf(record);
    await this.ensurePartitions(
      [...days.values()].flatMap((partitions) => [...partitions.kept.values()]),
    );
    const include = (record: UsageRecord, granularity: Granularity) =>
      dayOf(record).kept.has(granularity);
    // The rows are added up before the transaction, for the usual case of every event new (a
    // redelivery is the exception): the transaction is then a claim and an upsert back to back,
    // holding its connection for Postgres's work only, while the next batch is added up here.
    const candidates = [...unique.values()];
    const rowsIfAllFresh = rollUpAll(candidates, GRANULARITIES, include);
    const counted = await this.store.transaction(async (transaction) => {
      const fresh = await transaction.claimEventIds([...unique.keys()]);
      if (fresh.size === 0) return 0;
      const rows =
        fresh.size === unique.size
          ? rowsIfAllFresh
          : rollUpAll(
              candidates.filter((record) => fresh.has(record.eventId)),
              GRANULARITIES,
              include,
            );
      await transaction.addRollups(rows);
      return fresh.size;
    });
    return { counted, duplicates: records.length - anonymous - counted, anonymous };
  }

  /**
   * The retention job: partitions for now and the next period exist, partitions past retention
   * are dropped, claimed ids older than the de-duplication window are forgotten.
   */
  async maintain(): Promise<{ dropped: number; forgotten: number }> {
    const now = this.now();
    await this.ensurePartitions(partitionsAhead(now));
    let dropped = 0;
    for (const granularity of GRANULARITIES) {
      for (const partition of await this.store.listPartitions(granularity)) {
        if (!isExpired(partition, now, this.retention)) continue;
        await this.store.dropPartition(partition);
        this.ready.delete(partitionId(partition));
        dropped += 1;
      }
    }
    const forgotten = await this.store.forgetEventIdsBefore(
      new Date(now.getTime() - this.seenWindowDays * DAY_MS),
    );
    return { dropped, forgotten };
  }

  private async ensurePartitions(partitions: readonly Partition[]): Promise<void> {
    const missing = new Map<string, Partition>();
    for (const partition of partitions) {
      const id = partitionId(partition);
      if (!this.ready.has(id)) missing.set(id, partition);
    }
    if (missing.size === 0) return;
    await this.store.ensurePartitions([...missing.values()]);
    for (const id of missing.keys()) this.ready.add(id);
  }
}

/** The partitions a UTC day's records go in, for the granularities still within retention. */
interface DayPartitions {
  readonly kept: ReadonlyMap<Granularity, Partition>;
}

function dayPartitions(day: Date, now: Date, retention: Retention): DayPartitions {
  const kept = new Map<Granularity, Partition>();
  for (const granularity of GRANULARITIES) {
    const partition = partitionOf(granularity, day);
    if (!isExpired(partition, now, retention)) kept.set(granularity, partition);
  }
  return { kept };
}

function partitionId(partition: Partition): string {
  return `${partition.granularity}:${partition.from.getTime()}`;
}
