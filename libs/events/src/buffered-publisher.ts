import { metrics } from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import { type EncodedEvent, encodeEvent, type NewEvent } from "./cloudevent.js";
import type { EventType } from "./event-types.js";
import type { EventPublisher } from "./producer.js";

export interface BufferedPublisherOptions {
  readonly publisher: EventPublisher;
  readonly logger: Logger;
  /** Most events held while Kafka is slow or down; beyond it new events are dropped and counted. */
  readonly maxBuffered: number;
  readonly flushIntervalMs: number;
  readonly maxBatch: number;
}

/**
 * Fire-and-forget publication for high-volume, loss-tolerant events (one usage event per API
 * request): `enqueue` never blocks or throws, batches go out on a timer, and when Kafka is down
 * events wait in a bounded buffer; what does not fit is dropped and counted, never allowed to
 * grow memory without bound or to slow a response.
 */
export class BufferedPublisher {
  private buffer: EncodedEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private consecutiveFailures = 0;
  private readonly meter = metrics.getMeter("@orrery/events");
  private readonly dropped = this.meter.createCounter("events_dropped_total", {
    description: "Events dropped because the publish buffer was full",
  });

  constructor(private readonly options: BufferedPublisherOptions) {
    this.meter
      .createObservableGauge("events_buffered", { description: "Events waiting to be published" })
      .addCallback((result) => result.observe(this.buffer.length));
  }

  get size(): number {
    return this.buffer.length;
  }

  start(): void {
    this.schedule(this.options.flushIntervalMs);
  }

  enqueue<T extends EventType>(event: NewEvent<T>): void {
    if (this.buffer.length >= this.options.maxBuffered) {
      this.dropped.add(1, { type: event.type });
      return;
    }
    this.buffer.push(encodeEvent(event, this.options.publisher.source));
    if (this.buffer.length >= this.options.maxBatch && this.flushing === undefined) {
      void this.flush();
    }
  }

  /** Sends what is buffered; resolves when this round is done (failures keep events buffered). */
  flush(): Promise<void> {
    this.flushing ??= this.sendBuffered().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timer and makes a last attempt to send (SIGTERM). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    if (this.buffer.length > 0) {
      this.options.logger.warn({ events: this.buffer.length }, "events not published at shutdown");
      this.dropped.add(this.buffer.length, { type: "shutdown" });
    }
  }

  private async sendBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.maxBatch);
      try {
        await this.options.publisher.sendEncoded(batch);
        this.buffer.splice(0, batch.length);
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        if (this.consecutiveFailures === 1) {
          this.options.logger.warn(
            { err: error, buffered: this.buffer.length },
            "publishing events failed; buffering",
          );
        }
        return;
      }
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.flush().finally(() => {
        if (this.timer === undefined) return;
        // Back off while Kafka is down so a dead broker is not hammered from every pod.
        const backoff = Math.min(
          this.options.flushIntervalMs * 2 ** this.consecutiveFailures,
          5_000,
        );
        this.schedule(backoff);
      });
    }, delayMs);
    this.timer.unref();
  }
}
