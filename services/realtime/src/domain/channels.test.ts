import { describe, expect, it } from "vitest";
import { channelsFor, parseChannel } from "./channels.js";

const event = (type: string, data: Record<string, unknown> = {}) => ({
  id: "e1",
  accountId: "acc_1",
  type,
  time: "2026-01-01T00:00:00.000Z",
  data,
});

describe("channels", () => {
  it("knows the account's channels and refuses anything else", () => {
    expect(parseChannel("account")).toEqual({ name: "account", kind: "account" });
    expect(parseChannel("batch:bat_1")).toEqual({
      name: "batch:bat_1",
      kind: "batch",
      batchId: "bat_1",
    });
    for (const name of ["", "accounts", "batch:", "batch:a/b", "keys:acc_2", "usage "]) {
      expect(parseChannel(name), name).toBeUndefined();
    }
  });

  it("publishes every event on account and on its topic's channel", () => {
    expect(channelsFor(event("key.created"))).toEqual(["account", "keys"]);
    expect(channelsFor(event("quota.threshold_crossed"))).toEqual(["account", "usage"]);
    expect(channelsFor(event("webhook.endpoint_disabled"))).toEqual(["account", "webhooks"]);
    expect(channelsFor(event("batch.progress", { batchId: "bat_9" }))).toEqual([
      "account",
      "batch:bat_9",
    ]);
    expect(channelsFor(event("account.plan_changed"))).toEqual(["account"]);
  });
});
