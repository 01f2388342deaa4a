import { metrics } from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import { CompressionTypes, type Kafka, Partitioners, type Producer } from "kafkajs";
import { type EncodedEvent, encodeEvent, type NewEvent } from "./cloudevent.js";
import type { EventType } from "./event-types.js";

export interface EventPublisherOptions {
  readonly kafka: Kafka;
  /** CloudEvents `source` of everything this process publishes, e.g. "/orrery/api-key". */
  readonly source: string;
  readonly logger: Logger;
}

/**
 * An idempotent producer (acks=all, one in-flight request, sequence numbers), so a retried send
 * never writes a duplicate and never reorders a partition. Use it directly only for events that
 * may be lost with the process (usage); anything that follows a database change goes through
 * the outbox.
 */
export class EventPublisher {
  private producer: Producer;
  private connected: Promise<void> | undefined;
  private readonly published = metrics
    .getMeter("@orrery/events")
    .createCounter("events_published_total", { description: "Events written to Kafka, by type" });

  constructor(private readonly options: EventPublisherOptions) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.connected = undefined;
    });
    return producer;
  }

  /**
   * A failed send leaves an idempotent producer's sequence numbers in doubt: after a broker
   * was killed, kafkajs goes on failing every send with OUT_OF_ORDER_SEQUENCE_NUMBER. A new
   * producer (a new producer id) starts clean; a batch resent by it may duplicate events,
   * which consumers de-duplicate by id.
   */
  private replaceProducer(): void {
    const failed = this.producer;
    this.producer = this.createProducer();
    this.connected = undefined;
    failed.disconnect().catch((error: unknown) => {
      this.options.logger.debug({ err: error }, "closing a failed producer");
    });
  }

  get source(): string {
    return this.options.source;
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async publish<T extends EventType>(event: NewEvent<T>): Promise<string> {
    const encoded = encodeEvent(event, this.options.source);
    await this.sendEncoded([encoded]);
    return encoded.id;
  }

  async publishMany(events: readonly NewEvent[]): Promise<void> {
    await this.sendEncoded(events.map((event) => encodeEvent(event, this.options.source)));
  }

  /** Sends already-encoded events (the outbox relay stores them encoded). */
  async sendEncoded(events: readonly EncodedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, EncodedEvent[]>();
    for (const event of events) {
      const list = byTopic.get(event.topic) ?? [];
      list.push(event);
      byTopic.set(event.topic, list);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((event) => ({
            key: event.key,
            value: event.value,
            headers: event.headers,
          })),
        })),
      });
    } catch (error) {
      this.replaceProducer();
      throw error;
    }
    for (const event of events) this.published.add(1, { type: event.type });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = undefined;
  }
}
