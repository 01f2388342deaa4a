import { metrics } from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import { type EncodedEvent, encodeEvent, type NewEvent } from "./cloudevent.js";
import type { EventJournal } from "./event-journal.js";
import type { EventType } from "./event-types.js";
import type { EventPublisher } from "./producer.js";

export interface BufferedPublisherOptions {
  readonly publisher: EventPublisher;
  readonly logger: Logger;
  /** Most events held in memory while Kafka is slow or down; then they spill to the journal. */
  readonly maxBuffered: number;
  readonly flushIntervalMs: number;
  readonly maxBatch: number;
  /**
   * Where events go when the memory buffer is full and Kafka still cannot take them, replayed
   * in order once it can. Without one, what does not fit in memory is dropped and counted.
   */
  readonly journal?: EventJournal;
  /** How often a publisher with nothing journaled looks for batches other processes left. */
  readonly journalCheckMs?: number;
}

type DropReason = "buffer_full" | "journal_full" | "journal_unavailable" | "shutdown";

/**
 * Fire-and-forget publication for high-volume events (one usage event per API request):
 * `enqueue` never blocks or throws, batches go out on a timer, and when Kafka is down events
 * wait in a bounded memory buffer and, once it is full, in the journal, to be replayed oldest
 * first when Kafka is back. Only what neither can hold is dropped, counted by reason; memory
 * never grows without bound and a response is never slowed.
 */
export class BufferedPublisher {
  private buffer: EncodedEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private spilling: Promise<void> | undefined;
  private spillQueue: EncodedEvent[][] = [];
  private queuedForJournal = 0;
  private consecutiveFailures = 0;
  /** Events the journal held when last asked (any process's); replay runs while it is > 0. */
  private journaled = 0;
  private lastJournalCheck = Number.NEGATIVE_INFINITY;
  private readonly meter = metrics.getMeter("@orrery/events");
  private readonly dropped = this.meter.createCounter("events_dropped_total", {
    description: "Events dropped: memory buffer and journal full or unavailable, or shutdown",
  });
  private readonly spilled = this.meter.createCounter("events_journaled_total", {
    description: "Events written to the journal because Kafka could not take them in time",
  });
  private readonly replayed = this.meter.createCounter("events_replayed_total", {
    description: "Journaled events sent to Kafka",
  });

  constructor(private readonly options: BufferedPublisherOptions) {
    this.meter
      .createObservableGauge("events_buffered", {
        description: "Events waiting in memory to be published",
      })
      .addCallback((result) => result.observe(this.buffer.length + this.queuedForJournal));
    if (options.journal !== undefined) {
      this.meter
        .createObservableGauge("events_journal_waiting", {
          description: "Events waiting in the journal (every process sharing it), last known",
        })
        .addCallback((result) => result.observe(this.journaled));
    }
  }

  get size(): number {
    return this.buffer.length;
  }

  start(): void {
    this.schedule(0);
  }

  enqueue<T extends EventType>(event: NewEvent<T>): void {
    if (this.buffer.length >= this.options.maxBuffered && !this.handToJournal()) {
      this.drop(1, "buffer_full");
      return;
    }
    this.buffer.push(encodeEvent(event, this.options.publisher.source));
    if (this.buffer.length >= this.options.maxBatch && this.flushing === undefined) {
      void this.flush();
    }
  }

  /**
   * Moves the full buffer to the journal's queue; false when there is no journal or a full
   * buffer is still waiting to be written (memory holds about twice maxBuffered at most).
   */
  private handToJournal(): boolean {
    if (this.options.journal === undefined) return false;
    if (this.queuedForJournal >= this.options.maxBuffered) return false;
    this.spillQueue.push(this.buffer);
    this.queuedForJournal += this.buffer.length;
    this.buffer = [];
    this.spilling ??= this.writeSpills().finally(() => {
      this.spilling = undefined;
    });
    return true;
  }

  private async writeSpills(): Promise<void> {
    for (
      let events = this.spillQueue.shift();
      events !== undefined;
      events = this.spillQueue.shift()
    ) {
      await this.spill(events);
      this.queuedForJournal -= events.length;
    }
  }

  /** Sends what is journaled, then what is buffered; resolves when this round is done. */
  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timer, makes a last attempt to send and journals what Kafka did not take. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.spilling;
    if (this.buffer.length === 0) return;
    const left = this.buffer;
    this.buffer = [];
    if (this.options.journal !== undefined) await this.spill(left, "shutdown");
    else this.drop(left.length, "shutdown");
    if (this.buffer.length > 0) {
      this.options.logger.warn({ events: this.buffer.length }, "events not published at shutdown");
      this.drop(this.buffer.length, "shutdown");
      this.buffer = [];
    }
  }

  private async sendAll(): Promise<void> {
    // While Kafka is failing, what is in memory goes first: a send that works shows it is back
    // before batches are taken from the journal (a batch taken and not sent stays claimed).
    if (this.consecutiveFailures > 0 && this.buffer.length > 0 && !(await this.sendBuffered())) {
      return;
    }
    if (await this.replayJournal()) await this.sendBuffered();
  }

  private async sendBuffered(): Promise<boolean> {
    while (this.buffer.length > 0) {
      // Out of the buffer while it is sent: the buffer may be handed to the journal meanwhile.
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        await this.options.publisher.sendEncoded(batch);
        this.succeeded();
      } catch (error) {
        this.buffer.unshift(...batch);
        this.failed(error);
        return false;
      }
    }
    return true;
  }

  /** Replays journaled batches, oldest first; false when Kafka (or the journal) failed. */
  private async replayJournal(): Promise<boolean> {
    const journal = this.options.journal;
    if (journal === undefined) return true;
    try {
      const now = Date.now();
      if (
        this.journaled === 0 &&
        now - this.lastJournalCheck >= (this.options.journalCheckMs ?? 10_000)
      ) {
        this.lastJournalCheck = now;
        this.journaled = await journal.size();
      }
      while (this.journaled > 0) {
        // One batch at a time until a send works: a process that dies holding it leaves
        // little for the claim timeout to hand on.
        const batches = await journal.take(this.consecutiveFailures > 0 ? 1 : 4);
        if (batches.length === 0) {
          this.journaled = await journal.size();
          // Another process holds what is left; its claims expire if it died.
          return true;
        }
        for (const batch of batches) await this.options.publisher.sendEncoded(batch.events);
        await journal.acknowledge(batches);
        const events = batches.reduce((sum, batch) => sum + batch.events.length, 0);
        this.replayed.add(events);
        this.journaled = await journal.size();
        this.succeeded();
        if (this.journaled === 0) this.options.logger.info("journaled events all published");
      }
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  /** Moves events to the journal; what it cannot take goes back to memory if it fits. */
  private async spill(events: readonly EncodedEvent[], context = "buffer full"): Promise<void> {
    const journal = this.options.journal;
    if (journal === undefined) return;
    let stored = 0;
    try {
      for (let offset = 0; offset < events.length; offset += this.options.maxBatch) {
        const batch = events.slice(offset, offset + this.options.maxBatch);
        if (await journal.append(batch)) {
          stored += batch.length;
          this.spilled.add(batch.length);
        } else {
          this.drop(batch.length, "journal_full");
        }
      }
      this.journaled += stored;
      this.options.logger.warn(
        { journaled: stored, waiting: this.journaled, context },
        "Kafka not taking events; journaled them for replay",
      );
    } catch (error) {
      const rest = events.slice(stored);
      const room = Math.max(0, this.options.maxBuffered - this.buffer.length);
      this.buffer.unshift(...rest.slice(rest.length - Math.min(room, rest.length)));
      if (rest.length > room) this.drop(rest.length - room, "journal_unavailable");
      this.options.logger.warn(
        { err: error, kept: Math.min(room, rest.length), dropped: Math.max(0, rest.length - room) },
        "the event journal is unavailable",
      );
    }
  }

  private succeeded(): void {
    this.consecutiveFailures = 0;
  }

  private failed(error: unknown): void {
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures === 1) {
      this.options.logger.warn(
        { err: error, buffered: this.buffer.length, journaled: this.journaled },
        "publishing events failed; buffering",
      );
    }
  }

  private drop(count: number, reason: DropReason): void {
    this.dropped.add(count, { reason });
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
