import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultPolicyPath } from "@orrery/policy";
import { Plan } from "@orrery/proto/apikey/v1/account";
import { type PrivateRedis, startPrivateRedis } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RateLimitUnderTest, startRateLimit, uniqueAccountId } from "./harness.js";

// Each test owns a private redis-server: it is stopped, paused and wiped here, never the shared
// one other engineers and services use.
function policyWithFailMode(failMode: "open" | "closed"): string {
  const document = JSON.parse(readFileSync(defaultPolicyPath, "utf8"));
  for (const plan of Object.values(document.plans) as { failMode: string }[]) {
    plan.failMode = failMode;
  }
  document.version = `test-${failMode}`;
  const path = join(mkdtempSync(join(tmpdir(), "policy-")), "plans.v1.json");
  writeFileSync(path, JSON.stringify(document));
  return path;
}

function chart(accountId: string) {
  return {
    accountId,
    keyId: "key_1",
    route: "POST /v1/charts",
    account: { plan: Plan.FREE, billingCycleAnchorDay: 1, overrides: { burstPerSecond: 100 } },
  };
}

describe("with Redis down", () => {
  let redis: PrivateRedis;
  let open: RateLimitUnderTest;
  let closed: RateLimitUnderTest;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    open = await startRateLimit({ redisUrl: redis.url, policyPath: policyWithFailMode("open") });
    closed = await startRateLimit({
      redisUrl: redis.url,
      policyPath: policyWithFailMode("closed"),
      databaseUrl: open.databaseUrl,
    });
  });

  afterAll(async () => {
    await closed?.close();
    await open?.close();
    await redis?.stop();
  });

  it("fail-open allows (degraded) and fail-closed refuses, quickly, when Redis hangs", async () => {
    const accountId = uniqueAccountId();
    expect((await open.rateLimit.check(chart(accountId))).degraded).toBe(false);
    redis.pause();
    try {
      let started = performance.now();
      const allowed = await open.rateLimit.check(chart(accountId));
      expect(allowed).toMatchObject({ allowed: true, degraded: true, policyVersion: "test-open" });
      // The command timeout is 100 ms; a hung Redis never holds a request longer than that.
      expect(performance.now() - started).toBeLessThan(500);

      started = performance.now();
      await expect(closed.rateLimit.check(chart(accountId))).rejects.toMatchObject({
        kind: "unavailable",
        code: "RATE_LIMIT_UNAVAILABLE",
      });
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      redis.resume();
    }
  });

  it("fail-open and fail-closed hold when the Redis process is gone", async () => {
    const accountId = uniqueAccountId();
    await redis.stop();
    try {
      const allowed = await open.rateLimit.check(chart(accountId));
      expect(allowed).toMatchObject({ allowed: true, degraded: true });
      await expect(closed.rateLimit.check(chart(accountId))).rejects.toMatchObject({
        code: "RATE_LIMIT_UNAVAILABLE",
      });
    } finally {
      await redis.restart();
    }
  });
});

describe("durable monthly usage", () => {
  it("survives Redis losing its data: persisted, then restored once and added to", async () => {
    const redis = await startPrivateRedis();
    const first = await startRateLimit({ redisUrl: redis.url });
    const second = await startRateLimit({ redisUrl: redis.url, databaseUrl: first.databaseUrl });
    try {
      const accountId = uniqueAccountId();
      for (let index = 0; index < 7; index += 1) {
        expect((await first.rateLimit.check(chart(accountId))).allowed).toBe(true);
      }
      await first.wiring.ledger.tick();
      const row = await first.prisma.usageCounter.findFirst({ where: { accountId } });
      expect(row?.used).toBe(7n);

      await redis.restart(); // an empty Redis: every counter is gone
      await Promise.all([first.redisReady(), second.redisReady()]);
      // Both replicas restore at once; the generation guard adds the persisted 7 only once.
      await Promise.all([second.wiring.ledger.tick(), first.wiring.ledger.tick()]);
      const usage = await first.rateLimit.getUsage({
        accountId,
        account: { plan: Plan.FREE, billingCycleAnchorDay: 1 },
      });
      expect(usage.monthlyUsed).toBe(7n);

      expect((await second.rateLimit.check(chart(accountId))).allowed).toBe(true);
      await second.wiring.ledger.tick();
      const after = await first.prisma.usageCounter.findFirst({ where: { accountId } });
      expect(after?.used).toBe(8n);
    } finally {
      await second.close();
      await first.close();
      await redis.stop();
    }
  });
});
