import { create, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { EventDecodeError, type EventEnvelope } from "@orrery/events";
import { type UsageRecorded, UsageRecordedSchema } from "@orrery/proto/events/v1/usage";
import { describe, expect, it } from "vitest";
import { readUsageRecord } from "./usage-event-reader.js";

type UsageRecordedInit = MessageInitShape<typeof UsageRecordedSchema>;

const envelope = (id: string): EventEnvelope => ({
  id,
  type: "orrery.usage.recorded",
  source: "/orrery/gateway",
  time: new Date("2026-12-03T15:04:05.678Z"),
  accountId: "acc_1",
  subject: "req_1",
});

/** What the rollups count of a message as the library decodes it. */
function counted(message: UsageRecorded) {
  return {
    accountId: message.accountId,
    keyId: message.keyId,
    route: message.route,
    status: message.status,
    latencyMs: message.latencyMs,
    bytes: Number(message.responseBytes),
    cacheHit: message.cacheHit,
    rateLimited: message.rateLimited,
    quotaUnits: message.cost,
  };
}

const gatewayEvent: UsageRecordedInit = {
  requestId: "req_01JEXAMPLE",
  accountId: "acc_1",
  keyId: "key_1",
  route: "POST /v1/charts",
  status: 200,
  latencyMs: 1.234,
  responseBytes: 2_400n,
  cacheHit: true,
  rateLimited: false,
  cost: 1,
  sandbox: false,
  quota: {
    used: 12_345n,
    quota: 1_000_000n,
    cycleStartedAt: timestampFromMs(Date.UTC(2026, 11, 1)),
    cycleResetsAt: timestampFromMs(Date.UTC(2027, 0, 1)),
    keyCounted: true,
  },
};

describe("readUsageRecord", () => {
  it("reads what fromBinary reads, for every field the rollups count", () => {
    const messages: UsageRecordedInit[] = [
      gatewayEvent,
      { ...gatewayEvent, accountId: "acc_2", keyId: "key_9", route: "GET /v1/batches/{id}" },
      { ...gatewayEvent, accountId: "acc_2", status: 429, rateLimited: true, cost: 0 },
      {
        ...gatewayEvent,
        accountId: "",
        keyId: "",
        route: "unmatched",
        status: 401,
        quota: undefined,
      },
      {
        ...gatewayEvent,
        route: "GET /v1/lieux/{ville}/éphémérides",
        responseBytes: 6_000_000_000n,
      },
      { ...gatewayEvent, status: 503, latencyMs: 30_000.5, cacheHit: false, sandbox: true },
      {},
    ];
    for (const [index, init] of messages.entries()) {
      const payload = toBinary(UsageRecordedSchema, create(UsageRecordedSchema, init));
      const record = readUsageRecord(envelope(`evt_${index}`), payload);
      expect(record).toEqual({
        eventId: `evt_${index}`,
        at: new Date("2026-12-03T15:04:05.678Z"),
        ...counted(fromBinary(UsageRecordedSchema, payload)),
      });
    }
  });

  it("skips fields it does not know (a newer gateway's)", () => {
    const payload = toBinary(UsageRecordedSchema, create(UsageRecordedSchema, gatewayEvent));
    // Field 99, length-delimited, three bytes; then field 98 as a varint.
    const extended = new Uint8Array([...payload, 0x9a, 0x06, 3, 1, 2, 3, 0x90, 0x06, 0x7f]);
    expect(readUsageRecord(envelope("evt_x"), extended)).toMatchObject({
      accountId: "acc_1",
      route: "POST /v1/charts",
      quotaUnits: 1,
    });
  });

  it("leaves other event types to the consumer to skip", () => {
    expect(
      readUsageRecord({ ...envelope("evt_1"), type: "orrery.key.revoked" }, new Uint8Array(0)),
    ).toBeUndefined();
  });

  it.each([
    ["a string cut short", new Uint8Array([0x12, 10, 0x61])],
    ["a field with the wrong wire type", new Uint8Array([0x28, 0x01, 0x12, 0x01])],
    ["a status of the wrong wire type", new Uint8Array([0x2a, 0x01, 0x00])],
    ["invalid UTF-8 in the route", new Uint8Array([0x22, 0x02, 0xc3, 0x28])],
    ["a truncated varint", new Uint8Array([0x28, 0xff])],
  ])("rejects %s as a payload that cannot be read", (_case, payload) => {
    expect(() => readUsageRecord(envelope("evt_1"), payload)).toThrow(EventDecodeError);
  });
});
