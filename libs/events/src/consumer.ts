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
import type { Consumer, EachMessagePayload, Kafka, Producer } from "kafkajs";
import { Partitioners } from "kafkajs";
import { ensureTopics } from "./admin.js";
import {
  type AnyOrreryEvent,
  decodeEvent,
  EventDecodeError,
  headerValue,
  traceCarrier,
} from "./cloudevent.js";
import type { Deduplicator } from "./deduplicator.js";
import { deadLetterTopic } from "./topics.js";

export type EventHandler = (event: AnyOrreryEvent) => Promise<void>;

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: EventHandler;
  readonly logger: Logger;
  readonly deduplicator?: Deduplicator;
  /** Attempts for a failure that is not transient before the event goes to the dead-letter topic. */
  readonly maxAttempts?: number;
  /** Transient failures (a dependency down) are retried until they pass, never dead-lettered. */
  readonly isTransient?: (error: unknown) => boolean;
  readonly partitionsConsumedConcurrently?: number;
  /** Start from the earliest offset when the group has none (default true: nothing is skipped). */
  readonly fromBeginning?: boolean;
}

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
export class EventConsumer {
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

  constructor(private readonly options: EventConsumerOptions) {
    this.dlqTopic = deadLetterTopic(options.groupId).topic;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
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
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      autoCommitThreshold: 100,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handleMessage(payload),
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

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
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
      await context.with(trace.setSpan(parent, span), () => this.process(payload));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  private async process(payload: EachMessagePayload): Promise<void> {
    const { message } = payload;
    let event: AnyOrreryEvent | undefined;
    try {
      event = decodeEvent(message.headers, message.value);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      await this.deadLetter(payload, error, 1);
      return;
    }
    if (event === undefined) {
      this.consumed.add(1, {
        type: headerValue(message.headers, "ce_type") ?? "none",
        outcome: "unknown_type",
      });
      return;
    }
    if (await this.alreadyHandled(event.id)) {
      this.consumed.add(1, { type: event.type, outcome: "duplicate" });
      return;
    }

    const maxAttempts = this.options.maxAttempts ?? 5;
    const isTransient = this.options.isTransient ?? isTransientFailure;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const started = performance.now();
      try {
        await this.options.handler(event);
        this.handleDuration.record((performance.now() - started) / 1000, { type: event.type });
        break;
      } catch (error) {
        const transient = isTransient(error);
        if (!transient && attempt >= maxAttempts) {
          await this.deadLetter(payload, error, attempt);
          return;
        }
        if (this.stopping) throw error;
        const backoffMs = Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);
        this.options.logger.warn(
          { err: error, eventId: event.id, type: event.type, attempt, transient },
          "event handler failed; retrying",
        );
        await sleep(backoffMs);
        await payload.heartbeat();
      }
    }
    this.consumed.add(1, { type: event.type, outcome: "handled" });
    await this.options.deduplicator?.markHandled(event.id).catch((error: unknown) => {
      this.options.logger.warn(
        { err: error, eventId: event.id },
        "could not record handled event id",
      );
    });
  }

  private async alreadyHandled(eventId: string): Promise<boolean> {
    if (this.options.deduplicator === undefined) return false;
    try {
      return await this.options.deduplicator.wasHandled(eventId);
    } catch (error) {
      // Handlers are idempotent; a missing de-duplication store must not stop consumption.
      this.options.logger.warn({ err: error, eventId }, "de-duplication store unavailable");
      return false;
    }
  }

  private async deadLetter(
    payload: EachMessagePayload,
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
