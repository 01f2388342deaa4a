import { setTimeout as sleep } from "node:timers/promises";
import {
  context,
  metrics,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import type {
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  Kafka,
  KafkaMessage,
  Producer,
} from "kafkajs";
import { Partitioners } from "kafkajs";
import { ensureTopics } from "./admin.js";
import { BatchMerger } from "./batch-merger.js";
import {
  type AnyOrreryEvent,
  decodeEnvelope,
  decodePayload,
  EventDecodeError,
  type EventEnvelope,
  headerValue,
  traceCarrier,
} from "./cloudevent.js";
import type { Deduplicator } from "./deduplicator.js";
import { deadLetterTopic } from "./topics.js";

export type EventHandler = (event: AnyOrreryEvent) => Promise<void>;

/**
 * Handles the decoded events of one fetched batch of one partition at once (in offset order),
 * e.g. in one database transaction that also de-duplicates them; with `merge`, the batches of
 * several partitions together (each partition's events still in offset order). The batches'
 * offsets are committed only after it resolves; until then a crash redelivers them whole.
 */
export type EventBatchHandler<E = AnyOrreryEvent> = (events: readonly E[]) => Promise<void>;

/**
 * What a batch consumer makes of each event for its handler, from the event's attributes and its
 * protobuf payload (by default the whole event, decoded). A handler that needs a few fields of a
 * payload can read just those; undefined skips the event (counted as ignored). Throw
 * EventDecodeError for a payload that cannot be read: the event is dead-lettered at once.
 */
export type EventReader<E> = (envelope: EventEnvelope, payload: Uint8Array) => E | undefined;

/** How long a fetch waits for more events, so that a steady trickle arrives in fewer batches. */
export interface BatchFetchOptions {
  /** Bytes a fetch waits for (default 1: whatever is there). */
  readonly minBytes?: number;
  /** The longest a fetch waits for minBytes (default 500 ms). */
  readonly maxWaitTimeInMs?: number;
}

/**
 * Batches of several partitions fetched at about the same time handed to the batch handler at
 * once, so that a steady stream spread over many partitions costs one handler call per fetch
 * rather than one per partition. Give `partitionsConsumedConcurrently` the topics' partition
 * count, or batches beyond it wait for the ones before them.
 */
export interface BatchMergeOptions {
  /** A merged call carries at most about this many events (a batch is never split for it). */
  readonly maxEvents: number;
  /** The longest a fetched batch waits for others to join it. */
  readonly maxWaitMs: number;
}

export interface CommonConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly logger: Logger;
  /** Attempts for a failure that is not transient before the event goes to the dead-letter topic. */
  readonly maxAttempts?: number;
  /** Transient failures (a dependency down) are retried until they pass, never dead-lettered. */
  readonly isTransient?: (error: unknown) => boolean;
  readonly partitionsConsumedConcurrently?: number;
  /** Start from the earliest offset when the group has none (default true: nothing is skipped). */
  readonly fromBeginning?: boolean;
}

export type EventConsumerOptions<E = AnyOrreryEvent> = CommonConsumerOptions & EventConsumerMode<E>;

/** One handler call per event, or a batch handler for many events at once. */
export type EventConsumerMode<E = AnyOrreryEvent> =
  | { readonly handler: EventHandler; readonly deduplicator?: Deduplicator }
  | ({
      readonly batchHandler: EventBatchHandler<E>;
      readonly fetch?: BatchFetchOptions;
      readonly merge?: BatchMergeOptions;
    } & ReaderOption<E>);

/** A reader is needed when the handler takes something other than whole events. */
type ReaderOption<E> = [E] extends [AnyOrreryEvent]
  ? { readonly read?: EventReader<E> }
  : { readonly read: EventReader<E> };

/** Where a dead-lettered message came from. */
interface DeadLetterSource {
  readonly message: KafkaMessage;
  readonly topic: string;
  readonly partition: number;
}

interface SourcedEvent<E> {
  readonly event: E;
  readonly envelope: EventEnvelope;
  readonly source: DeadLetterSource;
}

const DEFAULT_CONCURRENCY = 3;
const EMPTY_PAYLOAD = new Uint8Array(0);

const TRANSIENT_NAMES = new Set([
  "KafkaJSConnectionError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSNumberOfRetriesExceeded",
]);

/**
 * The failures an event handler is retried for until they pass (Kafka itself unreachable, or
 * a DomainError of kind unavailable / deadline_exceeded, or a refused or reset connection).
 */
export function isTransientFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(error.name)) return true;
  const kind = (error as { kind?: string }).kind;
  if (kind === "unavailable" || kind === "deadline_exceeded") return true;
  const code = (error as { code?: string }).code;
  return (
    code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT" || code === "57P01"
  );
}

/**
 * At-least-once consumption: an offset is committed only after its event was handled (or
 * dead-lettered), events already handled are skipped by id, a poison event goes to `<group>.dlq`
 * after a few attempts instead of blocking its partition, and a dependency outage pauses the
 * partition's progress rather than dead-lettering everything.
 */
export class EventConsumer<E = AnyOrreryEvent> {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly dlqTopic: string;
  private stopping = false;
  private running = false;
  private crashed: string | undefined;
  private readonly meter = metrics.getMeter("@orrery/events");
  private readonly consumed = this.meter.createCounter("events_consumed_total", {
    description:
      "Events handled, by type and outcome (handled, duplicate, unknown_type, dead_lettered)",
  });
  private readonly handleDuration = this.meter.createHistogram("event_handle_duration_seconds", {
    description: "Time to handle one event",
    unit: "s",
  });
  private readonly batchHandleDuration = this.meter.createHistogram(
    "event_batch_handle_duration_seconds",
    { description: "Time a batch handler took for one call (see event_batch_size)", unit: "s" },
  );
  private readonly batchSize = this.meter.createHistogram("event_batch_size", {
    description: "Events handed to a batch handler at once",
    advice: { explicitBucketBoundaries: [1, 10, 50, 100, 500, 1000, 2000, 5000, 10000] },
  });
  /** Offset lag per partition as of the latest fetched batch (batch mode). */
  private readonly lag = new Map<string, { topic: string; partition: number; lag: number }>();
  /** Batch mode with `merge`: gathers the batches handed in together. */
  private readonly merger: BatchMerger<SourcedEvent<E>> | undefined;
  /** Batch mode: what the batch handler is given for each event. */
  private readonly reader: EventReader<E>;
  /** The heartbeat of the latest batch handed to the merger (one consumer, one heartbeat). */
  private mergedHeartbeat: () => Promise<void> = async () => undefined;

  constructor(private readonly options: EventConsumerOptions<E>) {
    this.reader =
      ("batchHandler" in options ? options.read : undefined) ??
      (decodePayload as unknown as EventReader<E>);
    this.dlqTopic = deadLetterTopic(options.groupId).topic;
    const fetch = "batchHandler" in options ? (options.fetch ?? {}) : {};
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      ...(fetch.minBytes === undefined ? {} : { minBytes: fetch.minBytes }),
      maxWaitTimeInMs: fetch.maxWaitTimeInMs ?? 500,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.dlqProducer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload as { error: Error; restart: boolean };
      this.crashed = error.message;
      options.logger.error({ err: error, restart, groupId: options.groupId }, "consumer crashed");
      if (!restart && !this.stopping) void this.restartLater();
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.crashed = undefined;
    });
    if ("batchHandler" in options && options.merge !== undefined) {
      const handler = options.batchHandler;
      this.merger = new BatchMerger(
        {
          maxItems: options.merge.maxEvents,
          maxWaitMs: options.merge.maxWaitMs,
          maxBatches: options.partitionsConsumedConcurrently ?? DEFAULT_CONCURRENCY,
        },
        (entries) => this.handleRecorded(entries, handler, () => this.mergedHeartbeat()),
      );
    }
    if ("batchHandler" in options) {
      this.meter
        .createObservableGauge("events_consumer_lag", {
          description:
            "Messages behind the partition's high watermark after the latest fetched batch",
        })
        .addCallback((result) => {
          for (const entry of this.lag.values()) {
            result.observe(entry.lag, {
              group: options.groupId,
              topic: entry.topic,
              partition: entry.partition,
            });
          }
        });
    }
  }

  /** Total offset lag over the partitions this member consumed (batch mode), for tests and logs. */
  get offsetLag(): number {
    let total = 0;
    for (const entry of this.lag.values()) total += entry.lag;
    return total;
  }

  /** For readiness: false after a crash until the group is joined again. */
  get healthy(): boolean {
    return this.running && this.crashed === undefined;
  }

  async start(): Promise<void> {
    await ensureTopics(this.options.kafka, [deadLetterTopic(this.options.groupId)]);
    await this.dlqProducer.connect();
    await this.consumer.connect();
    for (const topic of this.options.topics) {
      await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    }
    const options = this.options;
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      autoCommitThreshold: 100,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? DEFAULT_CONCURRENCY,
      ...("batchHandler" in options
        ? {
            eachBatchAutoResolve: false,
            eachBatch: (payload: EachBatchPayload) =>
              this.handleBatch(payload, options.batchHandler),
          }
        : {
            eachMessage: (payload: EachMessagePayload) =>
              this.handleMessage(payload, options.handler),
          }),
    });
    this.running = true;
  }

  /**
   * Starts, trying again every `retryMs` while Kafka cannot be reached, so a service can serve
   * before its broker answers. Resolves once consuming, or when stopped first.
   */
  async startWhenReachable(retryMs = 5_000): Promise<void> {
    while (!this.stopping) {
      try {
        await this.start();
        return;
      } catch (error) {
        this.options.logger.warn(
          { err: error, groupId: this.options.groupId, retryMs },
          "consumer could not start; retrying",
        );
        await sleep(retryMs);
      }
    }
  }

  /** Finishes the event in hand, commits, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
    this.running = false;
  }

  private async restartLater(): Promise<void> {
    await sleep(2_000);
    if (this.stopping) return;
    try {
      await this.consumer.disconnect().catch(() => undefined);
      this.running = false;
      await this.start();
      this.options.logger.info({ groupId: this.options.groupId }, "consumer restarted");
    } catch (error) {
      this.options.logger.error({ err: error }, "consumer restart failed; retrying");
      void this.restartLater();
    }
  }

  private async handleMessage(payload: EachMessagePayload, handler: EventHandler): Promise<void> {
    const { message, topic, partition } = payload;
    const parent = propagation.extract(ROOT_CONTEXT, traceCarrier(message.headers));
    const span = trace.getTracer("@orrery/events").startSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          "messaging.system": "kafka",
          "messaging.destination.name": topic,
          "messaging.kafka.destination.partition": partition,
          "messaging.kafka.message.offset": Number(message.offset),
          "messaging.consumer.group.name": this.options.groupId,
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), () => this.process(payload, handler));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  /**
   * The message as `reader` makes it for a handler (the whole event, or what a batch handler
   * reads of it); undefined, dead-lettered or counted, when there is none to handle. Answered
   * without a promise unless the message is dead-lettered: a batch reads every message in turn,
   * and an await per message was a promise and a microtask per event for nothing.
   */
  private read<T>(
    message: KafkaMessage,
    topic: string,
    partition: number,
    reader: EventReader<T>,
  ): SourcedEvent<T> | undefined | Promise<undefined> {
    let envelope: EventEnvelope | undefined;
    let event: T | undefined;
    try {
      envelope = decodeEnvelope(message.headers);
      if (envelope !== undefined) event = reader(envelope, message.value ?? EMPTY_PAYLOAD);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      return this.deadLetter({ message, topic, partition }, error, 1).then(() => undefined);
    }
    if (envelope === undefined) {
      this.consumed.add(1, {
        type: headerValue(message.headers, "ce_type") ?? "none",
        outcome: "unknown_type",
      });
      return undefined;
    }
    if (event === undefined) {
      this.consumed.add(1, { type: envelope.type, outcome: "ignored" });
      return undefined;
    }
    return { event, envelope, source: { message, topic, partition } };
  }

  /**
   * Batch mode: decodes the batch, hands its events to the handler at once (retrying transient
   * failures until they pass), then resolves the batch's last offset and commits. A batch that
   * keeps failing for another reason is split in halves until the events that fail alone are
   * found; only those are dead-lettered.
   */
  private async handleBatch(
    payload: EachBatchPayload,
    handler: EventBatchHandler<E>,
  ): Promise<void> {
    const { batch } = payload;
    const span = trace.getTracer("@orrery/events").startSpan(`${batch.topic} process`, {
      kind: SpanKind.CONSUMER,
      attributes: {
        "messaging.system": "kafka",
        "messaging.destination.name": batch.topic,
        "messaging.kafka.destination.partition": batch.partition,
        "messaging.batch.message_count": batch.messages.length,
        "messaging.consumer.group.name": this.options.groupId,
      },
    });
    try {
      const entries: SourcedEvent<E>[] = [];
      for (const message of batch.messages) {
        const read = this.read(message, batch.topic, batch.partition, this.reader);
        const entry = read instanceof Promise ? await read : read;
        if (entry !== undefined) entries.push(entry);
      }
      if (entries.length > 0 && this.merger !== undefined) {
        this.mergedHeartbeat = payload.heartbeat;
        await this.merger.add(entries);
      } else if (entries.length > 0) {
        await this.handleRecorded(entries, handler, payload.heartbeat);
      }
      const last = batch.messages.at(-1);
      if (last !== undefined) payload.resolveOffset(last.offset);
      this.lag.set(`${batch.topic}:${batch.partition}`, {
        topic: batch.topic,
        partition: batch.partition,
        lag: Number(batch.offsetLag()),
      });
      await payload.commitOffsetsIfNecessary();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  /** One handler call's worth of events (a batch, or merged batches), its size recorded. */
  private handleRecorded(
    entries: readonly SourcedEvent<E>[],
    handler: EventBatchHandler<E>,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const byTopic = countBy(entries, ({ source }) => source.topic);
    for (const [topic, count] of byTopic) this.batchSize.record(count, { topic });
    return this.handleEvents(entries, handler, heartbeat);
  }

  private async handleEvents(
    entries: readonly SourcedEvent<E>[],
    handler: EventBatchHandler<E>,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const [only] = entries;
    if (entries.length === 1 && only !== undefined) {
      await this.handleAlone(only.envelope, only.source, () => handler([only.event]), heartbeat);
      return;
    }
    const events = entries.map((entry) => entry.event);
    const started = performance.now();
    const handled = await this.withRetries(() => handler(events), heartbeat, {
      batchSize: events.length,
    });
    if (handled === undefined) {
      const middle = Math.ceil(entries.length / 2);
      await this.handleEvents(entries.slice(0, middle), handler, heartbeat);
      await this.handleEvents(entries.slice(middle), handler, heartbeat);
      return;
    }
    // One record per handler call, not one per event: recording hashes the attributes every
    // time, a cost that shows at thousands of events per second.
    this.batchHandleDuration.record((performance.now() - started) / 1000, {
      group: this.options.groupId,
    });
    // One counter addition per type rather than per event: a metric's attributes are hashed on
    // every call, a cost that shows at thousands of events per second.
    for (const [type, count] of countBy(entries, (entry) => entry.envelope.type)) {
      this.consumed.add(count, { type, outcome: "handled" });
    }
  }

  /**
   * Runs `work` until it passes: transient failures are retried without limit, other failures
   * up to maxAttempts; undefined when it kept failing for a reason that is not transient.
   */
  private async withRetries(
    work: () => Promise<void>,
    heartbeat: () => Promise<void>,
    context: Record<string, unknown>,
  ): Promise<true | undefined> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const isTransient = this.options.isTransient ?? isTransientFailure;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await work();
        return true;
      } catch (error) {
        const transient = isTransient(error);
        if (!transient && attempt >= maxAttempts) return undefined;
        if (this.stopping) throw error;
        const backoffMs = Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);
        this.options.logger.warn(
          { err: error, ...context, attempt, transient },
          "event handler failed; retrying",
        );
        await sleep(backoffMs);
        await heartbeat();
      }
    }
  }

  private async handleAlone(
    event: EventEnvelope,
    source: DeadLetterSource,
    work: () => Promise<void>,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const started = performance.now();
    let lastError: unknown;
    const handled = await this.withRetries(
      () =>
        work().catch((error: unknown) => {
          lastError = error;
          throw error;
        }),
      heartbeat,
      { eventId: event.id, type: event.type },
    );
    if (handled === undefined) {
      await this.deadLetter(source, lastError, this.options.maxAttempts ?? 5);
      return false;
    }
    this.handleDuration.record((performance.now() - started) / 1000, { type: event.type });
    this.consumed.add(1, { type: event.type, outcome: "handled" });
    return true;
  }

  private async process(payload: EachMessagePayload, handler: EventHandler): Promise<void> {
    const { message, topic, partition } = payload;
    const event = (await this.read(message, topic, partition, decodePayload))?.event;
    if (event === undefined) return;
    if (await this.alreadyHandled(event.id)) {
      this.consumed.add(1, { type: event.type, outcome: "duplicate" });
      return;
    }

    const handled = await this.handleAlone(event, payload, () => handler(event), payload.heartbeat);
    if (!handled) return;
    await this.deduplicator?.markHandled(event.id).catch((error: unknown) => {
      this.options.logger.warn(
        { err: error, eventId: event.id },
        "could not record handled event id",
      );
    });
  }

  private async alreadyHandled(eventId: string): Promise<boolean> {
    if (this.deduplicator === undefined) return false;
    try {
      return await this.deduplicator.wasHandled(eventId);
    } catch (error) {
      // Handlers are idempotent; a missing de-duplication store must not stop consumption.
      this.options.logger.warn({ err: error, eventId }, "de-duplication store unavailable");
      return false;
    }
  }

  private get deduplicator(): Deduplicator | undefined {
    return "deduplicator" in this.options ? this.options.deduplicator : undefined;
  }

  private async deadLetter(
    payload: DeadLetterSource,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const { message, topic, partition } = payload;
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = first;
    }
    Object.assign(headers, {
      dlq_error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      dlq_attempts: String(attempts),
      dlq_source_topic: topic,
      dlq_source_partition: String(partition),
      dlq_source_offset: message.offset,
      dlq_group: this.options.groupId,
      dlq_failed_at: new Date().toISOString(),
    });
    await this.dlqProducer.send({
      topic: this.dlqTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    const type = headerValue(message.headers, "ce_type") ?? "none";
    this.consumed.add(1, { type, outcome: "dead_lettered" });
    this.options.logger.error(
      { err: error, topic, partition, offset: message.offset, type, dlq: this.dlqTopic },
      "event dead-lettered",
    );
  }
}

/** How many of the items have each key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
