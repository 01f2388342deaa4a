import { describe, expect, it } from "vitest";
import { decodeEvent, EventDecodeError, encodeEvent } from "./cloudevent.js";

describe("CloudEvents binary mode", () => {
  it("round-trips attributes and payload, keyed by account", () => {
    const encoded = encodeEvent(
      {
        type: "orrery.key.revoked",
        accountId: "acc_1",
        subject: "key_1",
        time: new Date("2026-01-02T03:04:05.000Z"),
        data: { accountId: "acc_1", keyId: "key_1" },
      },
      "/orrery/api-key",
    );
    expect(encoded.topic).toBe("orrery.accounts.v1");
    expect(encoded.key).toBe("acc_1");
    expect(encoded.headers).toMatchObject({
      ce_specversion: "1.0",
      ce_type: "orrery.key.revoked",
      ce_source: "/orrery/api-key",
      ce_time: "2026-01-02T03:04:05.000Z",
      ce_subject: "key_1",
      ce_accountid: "acc_1",
      ce_dataschema: "urn:proto:orrery.events.v1.KeyRevoked",
      "content-type": "application/protobuf",
    });
    expect(encoded.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    const decoded = decodeEvent(encoded.headers, encoded.value);
    expect(decoded).toMatchObject({
      id: encoded.id,
      type: "orrery.key.revoked",
      accountId: "acc_1",
      subject: "key_1",
      data: { accountId: "acc_1", keyId: "key_1" },
    });
    expect(decoded?.time.toISOString()).toBe("2026-01-02T03:04:05.000Z");
  });

  it("keys batch work items by batch, so one batch's items keep their order", () => {
    const encoded = encodeEvent(
      {
        type: "orrery.batch.item",
        accountId: "acc_1",
        data: { accountId: "acc_1", batchId: "bat_9", itemIndex: 3 },
      },
      "/orrery/batch-worker",
    );
    expect(encoded.topic).toBe("orrery.batch.items.v1");
    expect(encoded.key).toBe("bat_9");
  });

  it("skips a well-formed event of a type this build does not know", () => {
    const encoded = encodeEvent({ type: "orrery.key.revoked", accountId: "a", data: {} }, "/x");
    expect(
      decodeEvent({ ...encoded.headers, ce_type: "orrery.key.teleported" }, encoded.value),
    ).toBeUndefined();
  });

  it.each([
    ["a missing id", { ce_id: undefined }],
    ["another spec version", { ce_specversion: "0.3" }],
    ["a JSON payload", { "content-type": "application/json" }],
    ["an unparseable time", { ce_time: "yesterday" }],
  ])("rejects an event with %s", (_case, change) => {
    const encoded = encodeEvent({ type: "orrery.key.revoked", accountId: "a", data: {} }, "/x");
    expect(() => decodeEvent({ ...encoded.headers, ...change }, encoded.value)).toThrow(
      EventDecodeError,
    );
  });

  it("rejects a payload that is not the declared message", () => {
    const encoded = encodeEvent({ type: "orrery.key.revoked", accountId: "a", data: {} }, "/x");
    expect(() => decodeEvent(encoded.headers, Buffer.from([0xff, 0xff, 0xff]))).toThrow(
      EventDecodeError,
    );
  });
});
