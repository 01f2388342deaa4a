import { stackEnvironment, waitFor } from "@orrery/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressKey } from "../src/adapters/redis-progress-counters.js";
import { adminKey, BatchApi, chartItems } from "./support/batch-api.js";

// A running batch's live counters sit in the stack's Redis (raised after every write of
// outcomes with what that write committed to Postgres); GET /v1/batches/{id} reads them and
// falls back to Postgres when the key is gone. Losing the key mid-batch costs nothing.
let api: BatchApi;
let redis: Redis;

beforeAll(async () => {
  api = new BatchApi(await adminKey());
  redis = new Redis(stackEnvironment("batch-worker").REDIS_URL as string, {
    lazyConnect: true,
  });
  await redis.connect();
});

afterAll(async () => {
  await redis?.quit();
});

function completedAndFailed(batch: Record<string, unknown>): number {
  const counts = batch.requestCounts as { completed: number; failed: number };
  return counts.completed + counts.failed;
}

describe("live progress counters", () => {
  it("keeps GET's counts monotonic and exact when Redis loses the batch's key mid-batch", async () => {
    const owner = await api.tenant();
    const size = 3_000;
    const created = await api.submitJsonl(owner.key, chartItems(size, 70_000));
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    const key = progressKey(id);

    // The counters appear in Redis once outcomes are written, at what Postgres committed.
    await waitFor(async () => (await redis.exists(key)) === 1, {
      timeoutMs: 30_000,
      intervalMs: 20,
      message: "live counters in Redis",
    });
    const held = await redis.hgetall(key);
    expect(Number(held.succeeded)).toBeGreaterThan(0);

    // The key lost (as in a Redis flush or restart): GET falls back to Postgres, and the next
    // write makes the key whole again, at the committed counts, not from zero.
    const seen: number[] = [];
    const before = completedAndFailed((await api.call("GET", `/v1/batches/${id}`, owner.key)).body);
    await redis.del(key);
    let status = "in_progress";
    let last: Record<string, unknown> = {};
    while (status === "in_progress") {
      last = (await api.call("GET", `/v1/batches/${id}`, owner.key)).body;
      status = last.status as string;
      seen.push(completedAndFailed(last));
      const again = await redis.hmget(key, "succeeded");
      if (again[0] !== null) expect(Number(again[0])).toBeGreaterThanOrEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe("completed");
    expect(seen[0]).toBeGreaterThanOrEqual(before);
    for (let at = 1; at < seen.length; at += 1) {
      expect(seen[at], `poll ${at} after ${seen[at - 1]}`).toBeGreaterThanOrEqual(
        seen[at - 1] as number,
      );
    }
    expect(last.requestCounts).toEqual({ total: size, completed: size, failed: 0 });
    // A finished batch's counters are Postgres's alone.
    expect(await redis.exists(key)).toBe(0);
  }, 120_000);
});
