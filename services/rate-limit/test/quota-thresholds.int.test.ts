import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createKafka, decodeEvent, TOPICS } from "@orrery/events";
import { Plan } from "@orrery/proto/apikey/v1/account";
import { infra, waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logger, type RateLimitUnderTest, startRateLimit, uniqueAccountId } from "./harness.js";

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

/** Every orrery.quota.threshold_crossed event for the account, read by a fresh consumer group. */
async function thresholdEvents(accountId: string, settleMs: number) {
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "quota-test", logger });
  const consumer = kafka.consumer({ groupId: `rate-limit-test.quota.${randomUUID()}` });
  const seen: { threshold: number; used: bigint; id: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.quota, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = decodeEvent(message.headers, message.value);
      if (event?.type !== "orrery.quota.threshold_crossed" || event.accountId !== accountId) return;
      seen.push({ threshold: event.data.thresholdPercent, used: event.data.used, id: event.id });
    },
  });
  try {
    await waitFor(() => seen.length >= 2, { timeoutMs: 30_000, message: "two threshold events" });
    // Anything published twice would arrive right behind the first copy.
    await sleep(settleMs);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

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
