import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Redis } from "ioredis";
import type { EncodedEvent } from "./cloudevent.js";
import type { EventType } from "./event-types.js";

/** A batch of events read back from a journal, to acknowledge once Kafka has them. */
export interface JournalBatch {
  readonly id: string;
  readonly events: readonly EncodedEvent[];
}

/**
 * Where a BufferedPublisher keeps the events Kafka could not take yet, so that an outage longer
 * than its memory buffer loses nothing. Every method may throw when the journal's own store is
 * unreachable; the publisher then keeps the events in memory as long as they fit.
 */
export interface EventJournal {
  /** Stores a batch; false when the journal is full (the caller counts the events as dropped). */
  append(events: readonly EncodedEvent[]): Promise<boolean>;
  /** Up to `maxBatches` batches not yet acknowledged, oldest first, claimed for this process. */
  take(maxBatches: number): Promise<readonly JournalBatch[]>;
  /** Forgets batches that Kafka has acknowledged. */
  acknowledge(batches: readonly JournalBatch[]): Promise<void>;
  /** Events waiting in the journal, across every process sharing it. */
  size(): Promise<number>;
}

export interface RedisEventJournalOptions {
  readonly redis: Redis;
  /** The stream's key; every replica of a service shares it, so any replica replays it. */
  readonly key: string;
  /** This process, as a consumer of the stream (a pod name, or host and pid). */
  readonly consumer: string;
  /** Events the journal holds at most; beyond it `append` answers false. */
  readonly maxEvents: number;
  /** A batch claimed by a process that has not acknowledged it for this long is taken over. */
  readonly claimTimeoutMs: number;
}

const GROUP = "replay";

// Appends a batch only while the journal's event count stays within its bound, atomically, so
// replicas appending at once cannot overshoot it together.
const APPEND = `
local count = tonumber(redis.call('GET', KEYS[2]) or '0')
if count + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return 0 end
redis.call('XADD', KEYS[1], '*', 'n', ARGV[1], 'events', ARGV[3])
redis.call('INCRBY', KEYS[2], ARGV[1])
return 1
`;

// Acknowledges and deletes batches, and takes their events off the count, once each: a batch
// acknowledged twice (taken over from a slow replica) is counted down only the first time.
const ACKNOWLEDGE = `
local removed = 0
for i = 1, #ARGV, 2 do
  if redis.call('XDEL', KEYS[1], ARGV[i]) == 1 then removed = removed + tonumber(ARGV[i + 1]) end
  redis.call('XACK', KEYS[1], '${GROUP}', ARGV[i])
end
if removed > 0 then redis.call('DECRBY', KEYS[2], removed) end
return removed
`;

// Fields are null for an entry still pending but deleted (acknowledged by another process).
type StreamEntry = [id: string, fields: string[] | null];

/**
 * An EventJournal in a Redis stream shared by every replica of a service, read through a
 * consumer group: a batch one replica journaled is replayed by whichever replica has Kafka
 * back first, and a replica that dies after taking a batch has it taken over after
 * `claimTimeoutMs`. Replay is at least once (a batch sent just before its acknowledgement was
 * lost is sent again); consumers de-duplicate by event id. Batches are stored compressed.
 */
export class RedisEventJournal implements EventJournal {
  private groupReady: Promise<void> | undefined;
  private readonly countKey: string;

  constructor(private readonly options: RedisEventJournalOptions) {
    this.countKey = `${options.key}:events`;
  }

  async append(events: readonly EncodedEvent[]): Promise<boolean> {
    if (events.length === 0) return true;
    await this.ensureGroup();
    const stored = await this.options.redis.eval(
      APPEND,
      2,
      this.options.key,
      this.countKey,
      events.length,
      this.options.maxEvents,
      encodeBatch(events),
    );
    return stored === 1;
  }

  async take(maxBatches: number): Promise<readonly JournalBatch[]> {
    await this.ensureGroup();
    const { redis, key, consumer, claimTimeoutMs } = this.options;
    // First what this process took before and could not send, then what a process that died
    // took, then what nobody has taken yet.
    const entries = await this.read("0", maxBatches);
    if (entries.length < maxBatches) {
      const [, abandoned] = (await redis.xautoclaim(
        key,
        GROUP,
        consumer,
        claimTimeoutMs,
        "0-0",
        "COUNT",
        maxBatches - entries.length,
      )) as [string, StreamEntry[]];
      entries.push(...abandoned);
    }
    if (entries.length < maxBatches)
      entries.push(...(await this.read(">", maxBatches - entries.length)));
    return entries
      .filter(([, fields]) => fields !== null)
      .map(([id, fields]) => ({ id, events: decodeBatch(field(fields, "events")) }));
  }

  private async read(from: "0" | ">", count: number): Promise<StreamEntry[]> {
    const { redis, key, consumer } = this.options;
    const answer = (await redis.xreadgroup(
      "GROUP",
      GROUP,
      consumer,
      "COUNT",
      count,
      "STREAMS",
      key,
      from,
    )) as [string, StreamEntry[]][] | null;
    return (answer ?? []).flatMap(([, list]) => list);
  }

  async acknowledge(batches: readonly JournalBatch[]): Promise<void> {
    if (batches.length === 0) return;
    await this.options.redis.eval(
      ACKNOWLEDGE,
      2,
      this.options.key,
      this.countKey,
      ...batches.flatMap((batch) => [batch.id, batch.events.length]),
    );
  }

  async size(): Promise<number> {
    return Number((await this.options.redis.get(this.countKey)) ?? 0);
  }

  private ensureGroup(): Promise<void> {
    this.groupReady ??= this.options.redis
      .xgroup("CREATE", this.options.key, GROUP, "0", "MKSTREAM")
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof Error && error.message.startsWith("BUSYGROUP")) return;
          this.groupReady = undefined;
          throw error;
        },
      );
    return this.groupReady;
  }
}

function field(fields: readonly string[] | null, name: string): string {
  for (let i = 0; i < (fields?.length ?? 0); i += 2) {
    if (fields?.[i] === name) return fields[i + 1] ?? "";
  }
  throw new Error(`journal entry without ${name}`);
}

type StoredEvent = [
  id: string,
  type: EventType,
  topic: string,
  key: string,
  value: string,
  headers: Record<string, string>,
];

function encodeBatch(events: readonly EncodedEvent[]): string {
  const stored: StoredEvent[] = events.map((event) => [
    event.id,
    event.type,
    event.topic,
    event.key,
    event.value.toString("base64"),
    event.headers,
  ]);
  return deflateRawSync(JSON.stringify(stored)).toString("base64");
}

function decodeBatch(encoded: string): EncodedEvent[] {
  const stored = JSON.parse(
    inflateRawSync(Buffer.from(encoded, "base64")).toString(),
  ) as StoredEvent[];
  return stored.map(([id, type, topic, key, value, headers]) => ({
    id,
    type,
    topic,
    key,
    value: Buffer.from(value, "base64"),
    headers,
  }));
}
