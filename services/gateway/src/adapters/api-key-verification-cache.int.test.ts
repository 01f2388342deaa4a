import { createRedisConnection } from "@orrery/cache";
import { createLogger } from "@orrery/telemetry";
import { infra } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity, Verdict } from "../domain/authentication.js";
import { VerificationCache } from "./api-key-verification-cache.js";

// Two replicas' caches over the real Redis, with a controllable "api-key service".
const logger = createLogger({ service: "verification-cache-test", level: "silent" });
const redis = createRedisConnection(infra.redisUrl, { connectionName: "verification-cache-test" });
beforeAll(async () => {
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
});
afterAll(() => redis.disconnect());

function identity(accountId: string, overrides: Partial<Identity> = {}): Identity {
  return {
    accountId,
    keyId: `key_${accountId}`,
    plan: "free",
    scopes: ["charts:read"],
    environment: "live",
    expiresAt: undefined,
    accountOverrides: {},
    keyOverrides: {},
    ...overrides,
  };
}

function replica(answers: Map<string, Verdict>, calls: string[], enabled = true) {
  return new VerificationCache({
    redis,
    verify: async (key) => {
      calls.push(key);
      return answers.get(key) ?? { kind: "invalid" };
    },
    enabled,
    l1TtlMs: 10_000,
    l2TtlMs: 60_000,
    l1MaxEntries: 1_000,
    l2BreakerMs: 1_000,
    logger,
  });
}

const unique = () => `orr_live_${Math.random().toString(36).slice(2)}`;

/** A valid key of a new account, and two replicas asking the same "service" (which logs calls). */
function twoReplicasOfNewKey() {
  const key = unique();
  const accountId = `acc_${key.slice(-6)}`;
  const answers = new Map<string, Verdict>([
    [key, { kind: "valid", identity: identity(accountId) }],
  ]);
  const calls: string[] = [];
  return {
    key,
    accountId,
    answers,
    calls,
    first: replica(answers, calls),
    second: replica(answers, calls),
  };
}

describe("verification cache", () => {
  it("serves from L1, then from the L2 another replica filled, and verifies once", async () => {
    const { key, calls, first, second } = twoReplicasOfNewKey();
    expect((await first.lookup(key)).source).toBe("rpc");
    expect(first.cached(key)?.source).toBe("l1");
    expect((await second.lookup(key)).source).toBe("l2");
    expect(calls).toEqual([key]);
    expect(
      await redis
        .keys("orrery:auth:v1:entry:*")
        .then((keys) => keys.some((name) => name.includes(key))),
    ).toBe(false);
  });

  it("forgets an account everywhere on invalidation, so the next lookup asks again", async () => {
    const { key, accountId, answers, first, second } = twoReplicasOfNewKey();
    await first.lookup(key);
    await second.lookup(key);
    answers.set(key, { kind: "invalid" });
    await first.invalidateAccount(accountId);
    await second.invalidateAccount(accountId);
    expect((await second.lookup(key)).verdict.kind).toBe("invalid");
    expect((await first.lookup(key)).verdict.kind).toBe("invalid");
  });

  it("does not cache a verdict fetched while an invalidation happened", async () => {
    const key = unique();
    const accountId = `acc_${key.slice(-6)}`;
    let release: () => void = () => undefined;
    const calls: string[] = [];
    const slow = new VerificationCache({
      redis,
      verify: async () => {
        calls.push(key);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { kind: "valid", identity: identity(accountId) };
      },
      enabled: true,
      l1TtlMs: 10_000,
      l2TtlMs: 60_000,
      l1MaxEntries: 1_000,
      l2BreakerMs: 1_000,
      logger,
    });
    const pending = slow.lookup(key);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await slow.invalidateAccount(accountId);
    release();
    expect((await pending).verdict.kind).toBe("valid");
    expect(slow.cached(key)).toBeUndefined();
    const other = replica(new Map(), []);
    expect((await other.lookup(key)).verdict.kind).toBe("invalid");
  });

  it("never serves a cached key past its expiry", async () => {
    const key = unique();
    const answers = new Map<string, Verdict>([
      [
        key,
        {
          kind: "valid",
          identity: identity(`acc_${key.slice(-6)}`, { expiresAt: Date.now() + 150 }),
        },
      ],
    ]);
    const calls: string[] = [];
    const cache = replica(answers, calls);
    await cache.lookup(key);
    expect(cache.cached(key)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cache.cached(key)).toBeUndefined();
  });

  it("asks the api-key service every time when disabled", async () => {
    const key = unique();
    const calls: string[] = [];
    const cache = replica(new Map(), calls, false);
    await cache.lookup(key);
    await cache.lookup(key);
    expect(calls).toHaveLength(2);
    expect(cache.cached(key)).toBeUndefined();
  });
});
