import calculateSlot from "cluster-key-slot";
import { describe, expect, it } from "vitest";
import { limitLocation, quotaKey } from "./keys.js";
import type { LimitName } from "./limits.js";

const ACCOUNT_LIMITS: readonly LimitName[] = ["burst", "minute", "month"];
const KEY_LIMITS: readonly LimitName[] = ["key-burst", "key-minute", "key-month"];

describe("limitLocation", () => {
  it("keeps every limit of an account and of its keys in one Redis Cluster slot", () => {
    const keys = [
      ...ACCOUNT_LIMITS.map((name) => limitLocation("acc_1", name).key),
      ...KEY_LIMITS.map((name) => limitLocation("acc_1", name, "key_9").key),
      ...KEY_LIMITS.map((name) => limitLocation("acc_1", name, "key_10").key),
    ];
    expect(new Set(keys.map((key) => calculateSlot(key))).size).toBe(1);
  });

  it("keeps an account's limits in one hash, each in its own field", () => {
    const locations = ACCOUNT_LIMITS.map((name) => limitLocation("acc_1", name));
    expect(new Set(locations.map((location) => location.key)).size).toBe(1);
    expect(new Set(locations.map((location) => location.field)).size).toBe(ACCOUNT_LIMITS.length);
  });

  it("keeps a key's own limits apart from its account's and from every other key's", () => {
    const account = limitLocation("acc_1", "burst").key;
    const key9 = KEY_LIMITS.map((name) => limitLocation("acc_1", name, "key_9"));
    const key10 = limitLocation("acc_1", "key-burst", "key_10").key;
    expect(new Set(key9.map((location) => location.key)).size).toBe(1);
    expect(new Set(key9.map((location) => location.field)).size).toBe(KEY_LIMITS.length);
    expect(new Set([account, key9[0]?.key, key10]).size).toBe(3);
  });

  it("never shares state between accounts, even with ids that look alike", () => {
    const accounts = ["acc_1", "acc_11", "acc_1:key", "ACC_1"];
    const keys = accounts.flatMap((accountId) => [
      limitLocation(accountId, "burst").key,
      limitLocation(accountId, "key-burst", "key_1").key,
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("puts a monthly counter where the usage ledger reads it", () => {
    expect(quotaKey("acc_1", "account")).toBe(limitLocation("acc_1", "month").key);
    expect(quotaKey("acc_1", "key:key_9")).toBe(limitLocation("acc_1", "key-month", "key_9").key);
  });
});
