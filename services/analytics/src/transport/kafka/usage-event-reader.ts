import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { EventDecodeError, type EventEnvelope, RepeatedText } from "@orrery/events";
import { UsageRecordedSchema } from "@orrery/proto/events/v1/usage";
import type { UsageRecord } from "../../domain/usage-rollups.js";

/**
 * An orrery.usage.recorded payload read straight into the record the rollups count, for every
 * usage event the gateway sends: only the fields counted are read (the quota use, the request id
 * and the sandbox flag are skipped, not decoded into messages), with the wire reader of
 * @bufbuild/protobuf and the field numbers of the generated schema. fromBinary builds the whole
 * message by reflection, several times the cost of this at the gateway's pace. A key, route or
 * account repeating the previous event's bytes reuses its string.
 *
 * undefined for another event type; EventDecodeError for a payload that cannot be read.
 */
export function readUsageRecord(
  envelope: EventEnvelope,
  payload: Uint8Array,
): UsageRecord | undefined {
  if (envelope.type !== "orrery.usage.recorded") return undefined;
  try {
    return readPayload(envelope, payload);
  } catch (error) {
    if (error instanceof EventDecodeError) throw error;
    throw new EventDecodeError(
      `payload is not a valid orrery.usage.recorded: ${(error as Error).message}`,
    );
  }
}

const FIELD = UsageRecordedSchema.field;
const ACCOUNT_ID = FIELD.accountId.number;
const KEY_ID = FIELD.keyId.number;
const ROUTE = FIELD.route.number;
const STATUS = FIELD.status.number;
const LATENCY_MS = FIELD.latencyMs.number;
const RESPONSE_BYTES = FIELD.responseBytes.number;
const CACHE_HIT = FIELD.cacheHit.number;
const RATE_LIMITED = FIELD.rateLimited.number;
const COST = FIELD.cost.number;

/** A string field's text, the previous event's string when its bytes are the same. */
function readString(
  text: RepeatedText,
  reader: BinaryReader,
  payload: Uint8Array,
  wireType: WireType,
  field: number,
): string {
  expectWireType(wireType, WireType.LengthDelimited, field);
  const length = reader.uint32();
  const start = reader.pos;
  const end = start + length;
  if (end > reader.len) throw new EventDecodeError("payload ends inside a string");
  reader.pos = end;
  return text.read(payload, start, end);
}

// Not UTF-8 is a payload that cannot be read (a TypeError, made an EventDecodeError above).
const accounts = new RepeatedText({ fatal: true });
const keys = new RepeatedText({ fatal: true });
const routes = new RepeatedText({ fatal: true });

function readPayload(envelope: EventEnvelope, payload: Uint8Array): UsageRecord {
  const reader = new BinaryReader(payload);
  let accountId = "";
  let keyId = "";
  let route = "";
  let status = 0;
  let latencyMs = 0;
  let bytes = 0;
  let cacheHit = false;
  let rateLimited = false;
  let quotaUnits = 0;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    switch (field) {
      case ACCOUNT_ID:
        accountId = readString(accounts, reader, payload, wireType, field);
        break;
      case KEY_ID:
        keyId = readString(keys, reader, payload, wireType, field);
        break;
      case ROUTE:
        route = readString(routes, reader, payload, wireType, field);
        break;
      case STATUS:
        expectWireType(wireType, WireType.Varint, field);
        status = reader.uint32();
        break;
      case LATENCY_MS:
        expectWireType(wireType, WireType.Bit64, field);
        latencyMs = reader.double();
        break;
      case RESPONSE_BYTES:
        expectWireType(wireType, WireType.Varint, field);
        bytes = Number(reader.uint64());
        break;
      case CACHE_HIT:
        expectWireType(wireType, WireType.Varint, field);
        cacheHit = reader.bool();
        break;
      case RATE_LIMITED:
        expectWireType(wireType, WireType.Varint, field);
        rateLimited = reader.bool();
        break;
      case COST:
        expectWireType(wireType, WireType.Varint, field);
        quotaUnits = reader.uint32();
        break;
      default:
        reader.skip(wireType, field);
    }
  }
  return {
    eventId: envelope.id,
    accountId,
    keyId,
    route,
    at: envelope.time,
    status,
    rateLimited,
    cacheHit,
    latencyMs,
    bytes,
    quotaUnits,
  };
}

function expectWireType(actual: WireType, expected: WireType, field: number): void {
  if (actual !== expected)
    throw new EventDecodeError(`field ${field} has wire type ${actual}, expected ${expected}`);
}
