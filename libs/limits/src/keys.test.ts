import { describe, expect, it } from "vitest";
import { limitLocation, quotaKey } from "./keys.js";

describe("limitLocation", () => {
  it("keeps an account's limits in one hash, hash-tagged with the account", () => {
    expect(limitLocation("acc_1", "burst")).toEqual({ key: "rl:{acc_1}:account", field: "burst" });
    expect(limitLocation("acc_1", "month")).toEqual({ key: "rl:{acc_1}:account", field: "u" });
  });

  it("keeps a key's own limits in the key's hash, in the account's slot", () => {
    expect(limitLocation("acc_1", "key-minute", "key_9")).toEqual({
      key: "rl:{acc_1}:key:key_9",
      field: "minute",
    });
    expect(limitLocation("acc_1", "key-month", "key_9")).toEqual({
      key: "rl:{acc_1}:key:key_9",
      field: "u",
    });
  });

  it("puts a monthly counter where the usage ledger reads it", () => {
    expect(quotaKey("acc_1", "account")).toBe(limitLocation("acc_1", "month").key);
    expect(quotaKey("acc_1", "key:key_9")).toBe(limitLocation("acc_1", "key-month", "key_9").key);
  });
});
