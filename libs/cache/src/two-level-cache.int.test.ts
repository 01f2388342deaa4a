import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { infra, type PrivateRedis, startPrivateRedis, waitFor } from "@orrery/testing";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisConnection } from "./redis-connection.js";
import { TwoLevelCache, type TwoLevelCacheOptions } from "./two-level-cache.js";

// The two-level cache against real Redis: one cache per "replica", sharing a name.
const opened: { cache: TwoLevelCache; redis: Redis }[] = [];

async function replica(
  name: string,
  overrides: Partial<TwoLevelCacheOptions> = {},
  redisUrl = infra.redisUrl,
): Promise<{ cache: TwoLevelCache; redis: Redis }> {
  const redis = createRedisConnection(redisUrl, {
    connectionName: "cache-test",
    commandTimeoutMs: 250,
  });
  if (redis.status !== "ready") await once(redis, "ready");
  const cache = new TwoLevelCache({
    name,
    redis,
    redisUrl,
    l1MaxBytes: 1_000_000,
    ttlMs: 60_000,
    ttlJitter: 0.1,
    graceMs: 60_000,
    l2CircuitBreakerMs: 300,
    ...overrides,
  });
  // The bus subscription is in place once a message published now comes back to another replica;
  // give the subscriber its connection first.
  await sleep(100);
  const handle = { cache, redis };
  opened.push(handle);
  return handle;
}

/** Two replicas of one new cache. */
async function twoReplicas() {
  const name = `test:${randomUUID()}`;
  return [await replica(name), await replica(name)] as const;
}

afterEach(async () => {
  for (const { cache, redis } of opened.splice(0)) {
    await cache.close();
    redis.disconnect();
  }
});

describe("TwoLevelCache", () => {
  it("computes once for N concurrent misses of one key (single-flight)", async () => {
    const { cache } = await replica(`test:${randomUUID()}`);
    let computations = 0;
    const compute = async () => {
      computations += 1;
      await sleep(50);
      return "value";
    };
    const results = await Promise.all(
      Array.from({ length: 25 }, () => cache.getOrCompute("k", compute)),
    );
    expect(computations).toBe(1);
    expect(results.map((result) => result.value)).toEqual(Array(25).fill("value"));
    expect(results.filter((result) => result.computed)).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ misses: 1, l1Hits: 24 });
  });

  it("serves another replica from L2, then from its own L1", async () => {
    const [a, b] = await twoReplicas();
    await a.cache.getOrCompute("shared", () => "from-a");
    const fromL2 = await b.cache.getOrCompute("shared", () => "from-b");
    expect(fromL2).toEqual({ value: "from-a", computed: false });
    await b.cache.getOrCompute("shared", () => "from-b");
    expect(b.cache.stats()).toMatchObject({ l2Hits: 1, l1Hits: 1, misses: 0 });
  });

  it("drops a deleted key from every replica's L1 within a second", async () => {
    const [a, b] = await twoReplicas();
    await a.cache.getOrCompute("k", () => "v1");
    await b.cache.getOrCompute("k", () => "unused");
    expect(b.cache.stats().l1Entries).toBe(1);

    const started = Date.now();
    await a.cache.delete("k");
    await waitFor(async () => (await b.cache.getOrCompute("k", () => "v2")).value === "v2", {
      timeoutMs: 1_000,
      intervalMs: 20,
      message: "replica b recomputes after the delete",
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("clears every replica", async () => {
    const [a, b] = await twoReplicas();
    await a.cache.getOrCompute("x", () => "1");
    await b.cache.getOrCompute("x", () => "unused");
    await a.cache.clear();
    await waitFor(async () => (await b.cache.getOrCompute("x", () => "2")).computed, {
      timeoutMs: 1_000,
      intervalMs: 20,
    });
  });

  it("spreads TTLs by the jitter", async () => {
    const name = `test:${randomUUID()}`;
    const { cache, redis } = await replica(name, { ttlMs: 100_000, ttlJitter: 0.2, graceMs: 1 });
    for (let index = 0; index < 20; index += 1) await cache.getOrCompute(`j${index}`, () => "v");
    const ttls = await Promise.all(
      Array.from({ length: 20 }, (_, index) => redis.pttl(`${name}:f1:j${index}`)),
    );
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(80_000 - 1_000);
      expect(ttl).toBeLessThanOrEqual(120_000 + 1);
    }
    expect(new Set(ttls).size).toBeGreaterThan(10);
  });

  it("serves a stale entry at once and refreshes it in the background (stale-while-revalidate)", async () => {
    const { cache } = await replica(`test:${randomUUID()}`, {
      ttlMs: 100,
      ttlJitter: 0,
      graceMs: 60_000,
    });
    await cache.getOrCompute("swr", () => "old");
    await sleep(150);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    let refreshed = false;
    const stale = await cache.getOrCompute("swr", async () => {
      await slow;
      refreshed = true;
      return "new";
    });
    // Answered while the refresh is still held back: the caller did not wait for it.
    expect(stale.value).toBe("old");
    expect(refreshed).toBe(false);
    release();
    await waitFor(async () => (await cache.getOrCompute("swr", () => "unused")).value === "new", {
      timeoutMs: 2_000,
      intervalMs: 20,
    });
    expect(cache.stats().staleHits).toBeGreaterThanOrEqual(1);
  });

  it("evicts least recently used entries to stay within its memory bound", async () => {
    const { cache } = await replica(`test:${randomUUID()}`, { l1MaxBytes: 20_000 });
    const big = "x".repeat(2_000);
    for (let index = 0; index < 20; index += 1)
      await cache.getOrCompute(`e${index}`, () => big + index);
    const stats = cache.stats();
    expect(stats.l1Bytes).toBeLessThanOrEqual(20_000);
    expect(stats.evictions).toBeGreaterThan(0);
    expect(stats.l1Entries).toBeLessThan(20);
  });

  it("passes the compute function's own error through and caches nothing", async () => {
    const { cache } = await replica(`test:${randomUUID()}`);
    class Boom extends Error {}
    await expect(
      cache.getOrCompute("err", () => {
        throw new Boom("no");
      }),
    ).rejects.toBeInstanceOf(Boom);
    expect((await cache.getOrCompute("err", () => "ok")).value).toBe("ok");
  });
});

describe("TwoLevelCache when Redis goes away", () => {
  let redisServer: PrivateRedis;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
  });
  afterAll(async () => {
    await redisServer.stop();
  });

  it("keeps serving from L1 and computing misses, and uses Redis again when it returns", async () => {
    const { cache } = await replica(`test:${randomUUID()}`, {}, redisServer.url);
    await cache.getOrCompute("warm", () => "cached");

    await redisServer.stop();
    const started = performance.now();
    expect(await cache.getOrCompute("warm", () => "recomputed")).toEqual({
      value: "cached",
      computed: false,
    });
    expect(await cache.getOrCompute("cold", () => "computed")).toEqual({
      value: "computed",
      computed: true,
    });
    for (let index = 0; index < 20; index += 1) {
      await cache.getOrCompute(`cold${index}`, () => "computed");
    }
    // Fail-fast connection and circuit breaker: an outage costs milliseconds, not timeouts.
    expect(performance.now() - started).toBeLessThan(1_000);

    await redisServer.restart();
    const other = await replica(cache.name, {}, redisServer.url);
    let attempt = 0;
    await waitFor(
      async () => {
        attempt += 1;
        const key = `back-${attempt}`;
        await cache.getOrCompute(key, () => "written-after-restart");
        return (
          (await other.cache.getOrCompute(key, () => "unused")).value === "written-after-restart"
        );
      },
      { timeoutMs: 10_000, intervalMs: 200, message: "L2 shared again after Redis returned" },
    );
  });
});
