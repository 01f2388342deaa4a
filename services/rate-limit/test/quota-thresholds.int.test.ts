import { setTimeout as sleep } from "node:timers/promises";
import { Plan } from "@orrery/proto/apikey/v1/account";
import { waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RateLimitUnderTest,
  startRateLimit,
  thresholdEvents,
  uniqueAccountId,
} from "./harness.js";

let first: RateLimitUnderTest;
let second: RateLimitUnderTest;

beforeAll(async () => {
  first = await startRateLimit();
  second = await startRateLimit({ databaseUrl: first.databaseUrl });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
});

describe("quota thresholds", () => {
  it("announce 80 % and 100 % once per cycle, across replicas and restarts", async () => {
    const accountId = uniqueAccountId();
    const chart = {
      accountId,
      keyId: "key_1",
      route: "POST /v1/charts",
      account: {
        plan: Plan.FREE,
        billingCycleAnchorDay: 1,
        overrides: { monthlyQuota: 10n, burstPerSecond: 100 },
      },
    };
    // Two replicas share the work; the crossing of 80 % is seen by both, repeatedly.
    for (let index = 0; index < 12; index += 1) {
      await (index % 2 === 0 ? first : second).rateLimit.check(chart);
    }
    await waitFor(
      async () => (await first.prisma.quotaNotification.count({ where: { accountId } })) === 2,
      { timeoutMs: 10_000, message: "two recorded crossings" },
    );
    // A restarted replica has no memory of what it announced: the database does.
    const restarted = await startRateLimit({ databaseUrl: first.databaseUrl });
    try {
      await restarted.rateLimit.check(chart);
      await sleep(300);
    } finally {
      await restarted.close();
    }
    await first.drainOutbox();

    const events = await thresholdEvents(accountId, 2_000);
    expect(events.map((event) => event.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
    expect(events.find((event) => event.threshold === 80)?.used).toBeGreaterThanOrEqual(8n);
    expect(events.find((event) => event.threshold === 100)?.used).toBe(10n);
    expect(await first.prisma.quotaNotification.count({ where: { accountId } })).toBe(2);
  });
});
