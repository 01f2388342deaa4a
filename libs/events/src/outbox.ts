import { metrics } from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import type pg from "pg";
import { type EncodedEvent, encodeEvent, type NewEvent } from "./cloudevent.js";
import type { EventType } from "./event-types.js";
import type { EventPublisher } from "./producer.js";

/**
 * Anything that can run one SQL statement inside the caller's transaction: a Prisma interactive
 * transaction client (`$executeRawUnsafe`) or a node-postgres client (`query`).
 */
export type TransactionExecutor =
  | { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> }
  | { query(sql: string, values: unknown[]): Promise<unknown> };

const INSERT_SQL = `INSERT INTO outbox_events (id, topic, partition_key, type, headers, payload)
VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6)`;

/**
 * Records an event in the same transaction as the change it announces. It is published by the
 * relay after the commit, and never if the transaction rolls back.
 */
export async function enqueueEvent<T extends EventType>(
  transaction: TransactionExecutor,
  source: string,
  event: NewEvent<T>,
): Promise<string> {
  const encoded = encodeEvent(event, source);
  const values = [
    encoded.id,
    encoded.topic,
    encoded.key,
    encoded.type,
    JSON.stringify(encoded.headers),
    encoded.value,
  ];
  if ("$executeRawUnsafe" in transaction)
    await transaction.$executeRawUnsafe(INSERT_SQL, ...values);
  else await transaction.query(INSERT_SQL, values);
  return encoded.id;
}

const INSERT_MANY_SQL = `INSERT INTO outbox_events (id, topic, partition_key, type, headers, payload)
SELECT id, topic, partition_key, type, headers::jsonb, payload
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])
  AS event (id, topic, partition_key, type, headers, payload)`;

/**
 * Records many events in the caller's transaction with one statement, in the order given (the
 * relay publishes them in that order): for a change that announces one event per row it wrote.
 */
export async function enqueueEvents(
  transaction: TransactionExecutor,
  source: string,
  events: readonly NewEvent[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const encoded = events.map((event) => encodeEvent(event, source));
  const values = [
    encoded.map((event) => event.id),
    encoded.map((event) => event.topic),
    encoded.map((event) => event.key),
    encoded.map((event) => event.type),
    encoded.map((event) => JSON.stringify(event.headers)),
    encoded.map((event) => event.value),
  ];
  if ("$executeRawUnsafe" in transaction)
    await transaction.$executeRawUnsafe(INSERT_MANY_SQL, ...values);
  else await transaction.query(INSERT_MANY_SQL, values);
  return encoded.map((event) => event.id);
}

export interface OutboxRelayOptions {
  readonly pool: pg.Pool;
  readonly publisher: EventPublisher;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** Poll interval when no NOTIFY arrives (and the retry pace while Kafka is down). */
  readonly pollIntervalMs?: number;
  /** Published rows are deleted after this long. */
  readonly retentionMs?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  partition_key: string;
  type: EventType;
  headers: Record<string, string>;
  payload: Buffer;
}

// One relay publishes at a time across all replicas, so events leave in commit order per key.
const RELAY_LOCK_KEY = 0x6f727279; // "orry"

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them. Wakes on
 * `NOTIFY outbox_events` (a trigger on insert) and polls as a fallback; while Kafka is down it
 * keeps the rows and retries with backoff, so nothing committed is lost.
 */
export class OutboxRelay {
  private stopped = false;
  private wake: (() => void) | undefined;
  private listener: pg.PoolClient | undefined;
  private loop: Promise<void> | undefined;
  private lastCleanup = 0;
  private readonly meter = metrics.getMeter("@orrery/events");
  private readonly relayed = this.meter.createCounter("outbox_events_published_total", {
    description: "Outbox rows published to Kafka",
  });
  private readonly failures = this.meter.createCounter("outbox_publish_failures_total", {
    description: "Failed attempts to publish outbox rows",
  });
  private pending = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.meter
      .createObservableGauge("outbox_events_pending", {
        description: "Outbox rows not yet published",
      })
      .addCallback((result) => result.observe(this.pending));
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.listener?.release();
    this.listener = undefined;
  }

  /** Publishes everything pending now; returns how many rows went out. Used by tests and drain. */
  async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < (this.options.batchSize ?? 200)) return total;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.listen();
        const sent = await this.publishBatch();
        failures = 0;
        await this.cleanupIfDue();
        if (sent >= (this.options.batchSize ?? 200)) continue;
        await this.waitForWork(this.options.pollIntervalMs ?? 1_000);
      } catch (error) {
        failures += 1;
        this.failures.add(1);
        if (failures === 1 || failures % 20 === 0) {
          this.options.logger.warn(
            { err: error, failures },
            "outbox relay: publish failed; will retry",
          );
        }
        await this.waitForWork(Math.min(200 * 2 ** failures, 5_000));
      }
    }
  }

  private async listen(): Promise<void> {
    if (this.listener !== undefined) return;
    const client = await this.options.pool.connect();
    client.on("notification", () => this.wake?.());
    client.on("error", () => {
      this.listener = undefined;
      client.release(true);
    });
    await client.query("LISTEN outbox_events");
    this.listener = client;
  }

  private waitForWork(timeoutMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async publishBatch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query("BEGIN");
      const lock = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1) AS locked",
        [RELAY_LOCK_KEY],
      );
      if (!lock.rows[0]?.locked) {
        await client.query("COMMIT");
        return 0;
      }
      const { rows } = await client.query<OutboxRow>(
        `SELECT seq, id, topic, partition_key, type, headers, payload FROM outbox_events
         WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [this.options.batchSize ?? 200],
      );
      const count = await client.query<{ count: string }>(
        "SELECT count(*) FROM outbox_events WHERE published_at IS NULL",
      );
      this.pending = Number(count.rows[0]?.count ?? 0);
      if (rows.length === 0) {
        await client.query("COMMIT");
        return 0;
      }
      const events: EncodedEvent[] = rows.map((row) => ({
        id: row.id,
        type: row.type,
        topic: row.topic,
        key: row.partition_key,
        value: row.payload,
        headers: row.headers,
      }));
      try {
        await this.options.publisher.sendEncoded(events);
      } catch (error) {
        await client.query("ROLLBACK");
        await this.options.pool
          .query(
            "UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])",
            [
              rows.map((row) => row.seq),
              error instanceof Error ? error.message.slice(0, 500) : String(error),
            ],
          )
          .catch(() => undefined);
        throw error;
      }
      await client.query(
        "UPDATE outbox_events SET published_at = now() WHERE seq = ANY($1::bigint[])",
        [rows.map((row) => row.seq)],
      );
      await client.query("COMMIT");
      this.pending = Math.max(this.pending - rows.length, 0);
      this.relayed.add(rows.length);
      return rows.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60 * 60 * 1000) return;
    this.lastCleanup = Date.now();
    const retentionMs = this.options.retentionMs ?? 24 * 60 * 60 * 1000;
    await this.options.pool.query(
      "DELETE FROM outbox_events WHERE published_at < now() - ($1::bigint * interval '1 millisecond')",
      [retentionMs],
    );
  }
}
