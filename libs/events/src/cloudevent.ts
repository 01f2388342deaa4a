import { randomUUID } from "node:crypto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { context, propagation } from "@opentelemetry/api";
import {
  type EventData,
  type EventDataInit,
  type EventType,
  eventDefinition,
  isEventType,
} from "./event-types.js";

/** What a producer says about an event; the rest (id, time, source) is filled in. */
export interface NewEvent<T extends EventType = EventType> {
  readonly type: T;
  readonly accountId: string;
  readonly data: EventDataInit<T>;
  /** Defaults to a random UUID; pass one to make a retried publication idempotent. */
  readonly id?: string;
  readonly time?: Date;
  /** CloudEvents `subject`: the entity the event is about (a key id, a batch id …). */
  readonly subject?: string;
}

/** An event as a consumer sees it. */
export interface OrreryEvent<T extends EventType = EventType> {
  readonly id: string;
  readonly type: T;
  readonly source: string;
  readonly time: Date;
  readonly accountId: string;
  readonly subject: string | undefined;
  readonly data: EventData<T>;
}

/** A union over every event type, so `switch (event.type)` narrows `event.data`. */
export type AnyOrreryEvent = { [T in EventType]: OrreryEvent<T> }[EventType];

export interface EncodedEvent {
  readonly id: string;
  readonly type: EventType;
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

const CONTENT_TYPE = "application/protobuf";

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as `ce_*`
 * headers, the protobuf payload is the record value, and the partition key is the account id
 * (or the batch id for work items). Trace context rides along as the CloudEvents
 * distributed-tracing extension (`ce_traceparent`, `ce_tracestate`).
 */
export function encodeEvent<T extends EventType>(event: NewEvent<T>, source: string): EncodedEvent {
  const definition = eventDefinition(event.type);
  const message = create(definition.schema, event.data as never);
  const id = event.id ?? randomUUID();
  const headers: Record<string, string> = {
    ce_specversion: "1.0",
    ce_id: id,
    ce_type: event.type,
    ce_source: source,
    ce_time: (event.time ?? new Date()).toISOString(),
    ce_dataschema: `urn:proto:${definition.schema.typeName}`,
    ce_accountid: event.accountId,
    "content-type": CONTENT_TYPE,
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent !== undefined) headers.ce_traceparent = carrier.traceparent;
  if (carrier.tracestate !== undefined) headers.ce_tracestate = carrier.tracestate;
  const key =
    definition.partitionKey === "batchId"
      ? String((message as { batchId?: string }).batchId ?? event.accountId)
      : event.accountId;
  return {
    id,
    type: event.type,
    topic: definition.topic,
    key,
    value: Buffer.from(toBinary(definition.schema, message)),
    headers,
  };
}

export class EventDecodeError extends Error {
  override readonly name = "EventDecodeError";
}

export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function headerValue(headers: KafkaHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Returns undefined for a well-formed event of a type this build does not know (a newer
 * producer): consumers skip those. Throws EventDecodeError for anything malformed.
 */
export function decodeEvent(
  headers: KafkaHeaders | undefined,
  value: Buffer | null,
): AnyOrreryEvent | undefined {
  const specVersion = headerValue(headers, "ce_specversion");
  if (specVersion !== "1.0")
    throw new EventDecodeError(`unsupported ce_specversion ${specVersion}`);
  const type = headerValue(headers, "ce_type");
  const id = headerValue(headers, "ce_id");
  const source = headerValue(headers, "ce_source");
  const time = headerValue(headers, "ce_time");
  const accountId = headerValue(headers, "ce_accountid");
  if (!type || !id || !source || !time || accountId === undefined) {
    throw new EventDecodeError("missing required CloudEvents attributes");
  }
  const contentType = headerValue(headers, "content-type");
  if (contentType !== CONTENT_TYPE)
    throw new EventDecodeError(`unsupported content-type ${contentType}`);
  if (!isEventType(type)) return undefined;
  const parsedTime = new Date(time);
  if (Number.isNaN(parsedTime.getTime())) throw new EventDecodeError(`invalid ce_time ${time}`);
  let data: EventData<EventType>;
  try {
    data = fromBinary(
      eventDefinition(type).schema,
      value ?? Buffer.alloc(0),
    ) as EventData<EventType>;
  } catch (error) {
    throw new EventDecodeError(`payload is not a valid ${type}: ${(error as Error).message}`);
  }
  return {
    id,
    type,
    source,
    time: parsedTime,
    accountId,
    subject: headerValue(headers, "ce_subject"),
    data,
  } as AnyOrreryEvent;
}

/** Trace context carried by an event, in W3C header names for the propagator. */
export function traceCarrier(headers: KafkaHeaders | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  const traceparent = headerValue(headers, "ce_traceparent");
  const tracestate = headerValue(headers, "ce_tracestate");
  if (traceparent !== undefined) carrier.traceparent = traceparent;
  if (tracestate !== undefined) carrier.tracestate = tracestate;
  return carrier;
}
