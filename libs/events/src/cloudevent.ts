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
import { RepeatedText } from "./repeated-text.js";

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

type HeaderBytes = Buffer | string;

function firstHeader(headers: KafkaHeaders | undefined, name: string): HeaderBytes | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

export function headerValue(headers: KafkaHeaders | undefined, name: string): string | undefined {
  return firstHeader(headers, name)?.toString();
}

/** Whether a header's bytes are exactly `expected` (ASCII), without making a string of them. */
function headerIs(value: HeaderBytes | undefined, expected: Buffer): boolean {
  if (value === undefined) return false;
  if (typeof value === "string") return value === expected.toString("latin1");
  return sameBytes(value, expected);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/** A header's text, the previous event's string when its bytes repeat (see RepeatedText). */
function headerText(repeated: RepeatedText, value: HeaderBytes | undefined): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return repeated.read(value);
}

const SPEC_VERSION_BYTES = Buffer.from("1.0");
const CONTENT_TYPE_BYTES = Buffer.from(CONTENT_TYPE);
const repeatedType = new RepeatedText();
const repeatedSource = new RepeatedText();
const repeatedAccount = new RepeatedText();

const ZERO = 0x30;
/** Offsets of the digits in YYYY-MM-DDTHH:MM:SS.sssZ, the form Date#toISOString writes. */
const ISO_SEPARATORS: readonly [number, number][] = [
  [4, 0x2d],
  [7, 0x2d],
  [10, 0x54],
  [13, 0x3a],
  [16, 0x3a],
  [19, 0x2e],
  [23, 0x5a],
];

function digits(bytes: Buffer, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index += 1) {
    const digit = (bytes[index] as number) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * ce_time as milliseconds: the bytes of the toISOString form (what encodeEvent writes) read
 * directly, any other form (an RFC 3339 offset, fewer digits) through Date's parser.
 */
function eventTime(value: HeaderBytes): number {
  if (typeof value !== "string" && value.length === 24) {
    let wellFormed = true;
    for (const [offset, byte] of ISO_SEPARATORS) if (value[offset] !== byte) wellFormed = false;
    const year = digits(value, 0, 4);
    const month = digits(value, 5, 2);
    const day = digits(value, 8, 2);
    const hour = digits(value, 11, 2);
    const minute = digits(value, 14, 2);
    const second = digits(value, 17, 2);
    const millisecond = digits(value, 20, 3);
    if (wellFormed && year >= 100 && month >= 1 && month <= 12 && hour <= 23 && minute <= 59) {
      const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
      // NaN digits, a second past 59 or a day past its month's end fall through to Date's rules.
      if (second <= 59 && day >= 1 && new Date(time).getUTCDate() === day) return time;
    }
  }
  return new Date(value.toString()).getTime();
}

/** An event's CloudEvents attributes, its payload not yet decoded. */
export type EventEnvelope = Omit<AnyOrreryEvent, "data">;

/**
 * The CloudEvents attributes of a message. Returns undefined for a well-formed event of a type
 * this build does not know (a newer producer): consumers skip those. Throws EventDecodeError for
 * anything malformed.
 */
export function decodeEnvelope(headers: KafkaHeaders | undefined): EventEnvelope | undefined {
  // Called for every consumed event: the attributes that are compared, repeated or parsed are
  // read from their bytes, and only the event id always becomes a new string.
  const specVersion = firstHeader(headers, "ce_specversion");
  if (!headerIs(specVersion, SPEC_VERSION_BYTES))
    throw new EventDecodeError(`unsupported ce_specversion ${specVersion?.toString()}`);
  const type = headerText(repeatedType, firstHeader(headers, "ce_type"));
  const id = headerValue(headers, "ce_id");
  const source = headerText(repeatedSource, firstHeader(headers, "ce_source"));
  const time = firstHeader(headers, "ce_time");
  const accountId = headerText(repeatedAccount, firstHeader(headers, "ce_accountid"));
  if (
    !type ||
    !id ||
    !source ||
    time === undefined ||
    time.length === 0 ||
    accountId === undefined
  ) {
    throw new EventDecodeError("missing required CloudEvents attributes");
  }
  const contentType = firstHeader(headers, "content-type");
  if (!headerIs(contentType, CONTENT_TYPE_BYTES))
    throw new EventDecodeError(`unsupported content-type ${contentType?.toString()}`);
  if (!isEventType(type)) return undefined;
  const parsedTime = eventTime(time);
  if (Number.isNaN(parsedTime)) throw new EventDecodeError(`invalid ce_time ${time.toString()}`);
  return {
    id,
    type,
    source,
    time: new Date(parsedTime),
    accountId,
    subject: headerValue(headers, "ce_subject"),
  };
}

/** The event of an envelope and its protobuf payload; throws EventDecodeError for a bad one. */
export function decodePayload(envelope: EventEnvelope, payload: Uint8Array): AnyOrreryEvent {
  let data: EventData<EventType>;
  try {
    data = fromBinary(eventDefinition(envelope.type).schema, payload) as EventData<EventType>;
  } catch (error) {
    throw new EventDecodeError(
      `payload is not a valid ${envelope.type}: ${(error as Error).message}`,
    );
  }
  const { id, type, source, time, accountId, subject } = envelope;
  return { id, type, source, time, accountId, subject, data } as AnyOrreryEvent;
}

/**
 * Returns undefined for a well-formed event of a type this build does not know (a newer
 * producer): consumers skip those. Throws EventDecodeError for anything malformed.
 */
export function decodeEvent(
  headers: KafkaHeaders | undefined,
  value: Buffer | null,
): AnyOrreryEvent | undefined {
  const envelope = decodeEnvelope(headers);
  return envelope === undefined ? undefined : decodePayload(envelope, value ?? EMPTY_PAYLOAD);
}

const EMPTY_PAYLOAD = new Uint8Array(0);

/** Trace context carried by an event, in W3C header names for the propagator. */
export function traceCarrier(headers: KafkaHeaders | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  const traceparent = headerValue(headers, "ce_traceparent");
  const tracestate = headerValue(headers, "ce_tracestate");
  if (traceparent !== undefined) carrier.traceparent = traceparent;
  if (tracestate !== undefined) carrier.tracestate = tracestate;
  return carrier;
}
