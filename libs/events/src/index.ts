export { ensureTopics } from "./admin.js";
export { BroadcastConsumer, type BroadcastConsumerOptions } from "./broadcast-consumer.js";
export { BufferedPublisher, type BufferedPublisherOptions } from "./buffered-publisher.js";
export {
  type AnyOrreryEvent,
  decodeEnvelope,
  decodeEvent,
  decodePayload,
  type EncodedEvent,
  EventDecodeError,
  type EventEnvelope,
  encodeEvent,
  type NewEvent,
  type OrreryEvent,
} from "./cloudevent.js";
export {
  type BatchFetchOptions,
  type BatchMergeOptions,
  type CommonConsumerOptions,
  type EventBatchHandler,
  EventConsumer,
  type EventConsumerMode,
  type EventConsumerOptions,
  type EventHandler,
  type EventReader,
  isTransientFailure,
} from "./consumer.js";
export { type Deduplicator, RedisDeduplicator } from "./deduplicator.js";
export {
  type EventJournal,
  type JournalBatch,
  RedisEventJournal,
  type RedisEventJournalOptions,
} from "./event-journal.js";
export { EVENT_TYPES, type EventData, type EventDataInit, type EventType } from "./event-types.js";
export { createKafka, type KafkaClientOptions, kafkaDependency } from "./kafka-client.js";
export {
  enqueueEvent,
  enqueueEvents,
  OutboxRelay,
  type OutboxRelayOptions,
  type TransactionExecutor,
} from "./outbox.js";
export { EventPublisher, type EventPublisherOptions } from "./producer.js";
export { RepeatedText } from "./repeated-text.js";
export { deadLetterTopic, TOPIC_SPECS, TOPICS, type Topic, type TopicSpec } from "./topics.js";
