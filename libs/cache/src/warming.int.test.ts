import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { infra } from "@orrery/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PopularityCounter } from "./popularity-counter.js";
import { createRedisConnection } from "./redis-connection.js";
import { WarmingCoordinator } from "./warming-coordinator.js";

let redis: Redis;

beforeAll(async () => {
  redis = createRedisConnection(infra.redisUrl, { connectionName: "warming-test" });
  if (redis.status !== "ready") await once(redis, "ready");
});
afterAll(() => {
  redis.disconnect();
});

describe("PopularityCounter", () => {
  it("ranks entries by requests across replicas and keeps only the most requested", async () => {
    const name = `test:${randomUUID()}`;
    const replicaA = new PopularityCounter(redis, { name, maxTracked: 3 });
    const replicaB = new PopularityCounter(redis, { name, maxTracked: 3 });
    for (let index = 0; index < 5; index += 1) replicaA.record("a", "payload-a");
    for (let index = 0; index < 3; index += 1) replicaB.record("b", "payload-b");
    replicaB.record("a", "payload-a");
    replicaA.record("c", "payload-c");
    replicaA.record("c", "payload-c");
    replicaB.record("d", "payload-d");
    await Promise.all([replicaA.flush(), replicaB.flush()]);

    const top = await replicaA.top(10);
    expect(top).toEqual([
      { id: "a", payload: "payload-a", count: 6 },
      { id: "b", payload: "payload-b", count: 3 },
      { id: "c", payload: "payload-c", count: 2 },
    ]);
    // The dropped entry's payload went with it.
    expect(await redis.hexists(`${name}:popularity:payloads`, "d")).toBe(0);
    await redis.del(`${name}:popularity`, `${name}:popularity:payloads`);
  });
});

describe("WarmingCoordinator", () => {
  it("lets one replica warm at a time, and spaces runs", async () => {
    const name = `test:${randomUUID()}`;
    const options = { name, lockTtlMs: 5_000, minIntervalMs: 60_000 };
    const replicas = [
      new WarmingCoordinator(redis, options),
      new WarmingCoordinator(redis, options),
    ];
    let active = 0;
    let maxActive = 0;
    const warmed: string[] = [];
    const runs = await Promise.all(
      replicas.map((replica, index) =>
        replica.run(
          async () => ["x", "y", "z"],
          async (item) => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            await sleep(20);
            warmed.push(`${index}:${item}`);
            active -= 1;
          },
        ),
      ),
    );
    expect(runs.map((run) => run.outcome).sort()).toEqual(["busy", "warmed"]);
    expect(maxActive).toBe(1);
    expect(warmed).toHaveLength(3);
    // A run just finished: the next attempt anywhere is skipped.
    expect(
      await replicas[1]?.run(
        async () => ["x"],
        async () => undefined,
      ),
    ).toEqual({ outcome: "recent" });
    await redis.del(`${name}:warm:lock`, `${name}:warm:fence`, `${name}:warm:last`);
  });

  it("stops a holder whose lock expired and refuses its completion (fencing)", async () => {
    const name = `test:${randomUUID()}`;
    const slow = new WarmingCoordinator(redis, { name, lockTtlMs: 100, minIntervalMs: 0 });
    const fast = new WarmingCoordinator(redis, { name, lockTtlMs: 5_000, minIntervalMs: 0 });
    let secondRun: Awaited<ReturnType<WarmingCoordinator["run"]>> | undefined;
    const slowRun = await slow.run(
      async () => ["first", "second"],
      async (item) => {
        if (item !== "first") return;
        // Paused past the lock's TTL: another replica takes over meanwhile.
        await sleep(200);
        secondRun = await fast.run(
          async () => ["other"],
          async () => undefined,
        );
      },
    );
    expect(secondRun).toMatchObject({ outcome: "warmed" });
    expect(slowRun).toMatchObject({ outcome: "fenced", items: 1 });
    if (secondRun?.outcome === "warmed" && slowRun.outcome === "fenced") {
      expect(secondRun.token).toBeGreaterThan(slowRun.token);
    }
    await redis.del(`${name}:warm:lock`, `${name}:warm:fence`, `${name}:warm:last`);
  });
});
