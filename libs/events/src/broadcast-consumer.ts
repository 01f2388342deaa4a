import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "@orrery/telemetry";
import type { Consumer, Kafka } from "kafkajs";
import { type AnyOrreryEvent, decodeEvent } from "./cloudevent.js";

export interface BroadcastConsumerOptions {
  readonly kafka: Kafka;
  /** The group id starts with this; the rest makes it this process's own. */
  readonly groupPrefix: string;
  readonly topics: readonly string[];
  /**
   * Either one event at a time, or (`batchHandler`) every readable event of a fetched batch of
   * one partition at once, in order, for handlers that save round trips by taking them together.
   */
  readonly handler?: (event: AnyOrreryEvent) => Promise<void> | void;
  readonly batchHandler?: (events: AnyOrreryEvent[]) => Promise<void> | void;
  /** The most events handed to `batchHandler` in one call (a fetched batch is split). 500. */
  readonly maxBatchEvents?: number;
  readonly logger: Logger;
  /** Pause between attempts to start while Kafka is unreachable. */
  readonly retryMs?: number;
  /**
   * Partitions handled at once (kafkajs `partitionsConsumedConcurrently`); each partition's
   * events still come one after another, in order. 1 unless given.
   */
  readonly partitionsConsumedConcurrently?: number;
}

/**
 * Every replica sees every event, for state that lives in each process (a cache to drop): each
 * process consumes in a group of its own, from the latest offset, committing nothing, so it
 * leaves no state in Kafka. An event that cannot be read is skipped; what happened before the
 * process started is not its business. It keeps trying to start while Kafka is unreachable and
 * starts again after a crash Kafka would not recover from.
 */
export class BroadcastConsumer {
  private readonly consumer: Consumer;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BroadcastConsumerOptions) {
    if ((options.handler === undefined) === (options.batchHandler === undefined)) {
      throw new Error("BroadcastConsumer takes a handler or a batchHandler (one of them)");
    }
    this.consumer = options.kafka.consumer({
      groupId: `${options.groupPrefix}.${hostname()}.${randomUUID().slice(0, 8)}`,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart && !this.stopped) this.retryLater();
    });
  }

  /** Starts in the background; never throws. */
  start(): void {
    this.run().catch((error: unknown) => {
      this.options.logger.warn(
        { err: error, groupPrefix: this.options.groupPrefix },
        "broadcast consumer not started; retrying",
      );
      this.retryLater();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.consumer.disconnect().catch(() => undefined);
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.stopped) return;
      void this.consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start());
    }, this.options.retryMs ?? 5_000);
    this.retryTimer.unref();
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    for (const topic of this.options.topics) {
      await this.consumer.subscribe({ topic, fromBeginning: false });
    }
    const { handler, batchHandler } = this.options;
    if (batchHandler !== undefined) {
      const most = this.options.maxBatchEvents ?? 500;
      await this.consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        // Offsets are resolved chunk by chunk, so a batch left half done (a rebalance made it
        // stale) is fetched again from where it stopped rather than skipped to its end.
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          for (let start = 0; start < batch.messages.length; start += most) {
            if (!isRunning() || isStale()) return;
            const messages = batch.messages.slice(start, start + most);
            const events = messages.flatMap((message) =>
              this.decode(message.headers, message.value),
            );
            if (events.length > 0) {
              try {
                await batchHandler(events);
              } catch (error) {
                this.options.logger.warn(
                  { err: error, events: events.length },
                  "broadcast events not handled",
                );
              }
            }
            const last = messages.at(-1);
            if (last !== undefined) resolveOffset(last.offset);
            await heartbeat();
          }
        },
      });
      return;
    }
    if (handler === undefined) return;
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ message }) => {
        const [event] = this.decode(message.headers, message.value);
        if (event === undefined) return;
        try {
          await handler(event);
        } catch (error) {
          this.options.logger.warn(
            { err: error, eventId: event.id },
            "broadcast event not handled",
          );
        }
      },
    });
  }

  /** The message's event, or none when it cannot be read (skipped, with a warning). */
  private decode(
    headers: Parameters<typeof decodeEvent>[0],
    value: Parameters<typeof decodeEvent>[1],
  ): AnyOrreryEvent[] {
    try {
      const event = decodeEvent(headers, value);
      return event === undefined ? [] : [event];
    } catch (error) {
      this.options.logger.warn({ err: error }, "skipping an unreadable event");
      return [];
    }
  }
}
