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

  describe("from the Buffers kafkajs hands over", () => {
    const asBuffers = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]),
      );
    const usage = (accountId: string, time: Date) =>
      encodeEvent(
        {
          type: "orrery.key.revoked",
          accountId,
          subject: `key_${accountId}`,
          time,
          data: { accountId, keyId: "key_1" },
        },
        "/orrery/api-key",
      );

    it("decodes consecutive events each with its own attributes", () => {
      const times = [
        new Date("2026-01-02T03:04:05.678Z"),
        new Date("2026-01-02T03:04:05.679Z"),
        new Date("1999-12-31T23:59:59.999Z"),
      ];
      const accounts = ["acc_1", "acc_1", "acc_2"];
      const decoded = accounts.map((accountId, index) => {
        const encoded = usage(accountId, times[index] as Date);
        return { encoded, event: decodeEvent(asBuffers(encoded.headers), encoded.value) };
      });
      for (const [index, { encoded, event }] of decoded.entries()) {
        expect(event).toMatchObject({
          id: encoded.id,
          type: "orrery.key.revoked",
          source: "/orrery/api-key",
          accountId: accounts[index],
          subject: `key_${accounts[index]}`,
          data: { accountId: accounts[index] },
        });
        expect(event?.time.toISOString()).toBe(times[index]?.toISOString());
      }
    });

    it.each([
      ["an RFC 3339 offset", "2026-01-02T04:04:05+01:00", "2026-01-02T03:04:05.000Z"],
      ["no fraction", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z"],
      ["a leap day", "2028-02-29T12:00:00.000Z", "2028-02-29T12:00:00.000Z"],
    ])("reads a ce_time with %s", (_case, time, expected) => {
      const encoded = usage("acc_1", new Date());
      const event = decodeEvent(asBuffers({ ...encoded.headers, ce_time: time }), encoded.value);
      expect(event?.time.toISOString()).toBe(expected);
    });

    it.each([
      ["an unparseable ce_time", { ce_time: "2026-01-02T03:04:0x.000Z" }],
      ["a month past December", { ce_time: "2026-13-02T03:04:05.000Z" }],
      ["another spec version", { ce_specversion: "1.1" }],
      ["another content type", { "content-type": "application/protobuf+x" }],
      ["an empty type", { ce_type: "" }],
    ])("rejects %s", (_case, change) => {
      const encoded = usage("acc_1", new Date());
      expect(() =>
        decodeEvent(asBuffers({ ...encoded.headers, ...change }), encoded.value),
      ).toThrow(EventDecodeError);
    });
  });
});
