import { setTimeout as sleep } from "node:timers/promises";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Plan } from "@orrery/proto/apikey/v1/account";
import type {
  AccountContextSchema,
  CheckRequestSchema,
} from "@orrery/proto/ratelimit/v1/rate_limit";
import { errorFromStatus } from "@orrery/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RateLimitUnderTest, startRateLimit, uniqueAccountId } from "./harness.js";

let service: RateLimitUnderTest;

beforeAll(async () => {
  service = await startRateLimit();
});

afterAll(async () => {
  await service?.close();
});

type Overrides = NonNullable<MessageInitShape<typeof AccountContextSchema>["overrides"]>;

function request(
  accountId: string,
  overrides: Overrides,
  extra: { route?: string; keyId?: string; keyOverrides?: Overrides } = {},
): MessageInitShape<typeof CheckRequestSchema> {
  return {
    accountId,
    keyId: extra.keyId ?? "key_1",
    route: extra.route ?? "POST /v1/charts",
    account: { plan: Plan.FREE, overrides, billingCycleAnchorDay: 1 },
    ...(extra.keyOverrides === undefined ? {} : { keyOverrides: extra.keyOverrides }),
  };
}

describe("Check", () => {
  it("allows exactly N of 2N concurrent requests and charges nothing for the refused", async () => {
    const accountId = uniqueAccountId();
    const overrides = { requestsPerMinute: 10, burstPerSecond: 100 };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => service.rateLimit.check(request(accountId, overrides))),
    );
    expect(responses.filter((response) => response.allowed)).toHaveLength(10);
    const refused = responses.filter((response) => !response.allowed);
    expect(refused).toHaveLength(10);
    for (const response of refused) {
      expect(response.limits.find((l) => l.name === "minute")?.exceeded).toBe(true);
      expect(response.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }

    const usage = await service.rateLimit.getUsage({
      accountId,
      account: { plan: Plan.FREE, overrides, billingCycleAnchorDay: 1 },
    });
    // 10 charts of 1 unit each: the 10 refused requests took nothing from the month.
    expect(usage.monthlyUsed).toBe(10n);
    expect(usage.limits.find((l) => l.name === "minute")?.remaining).toBe(0n);
  });

  it("charges all limits or none: a request refused by the month leaves the rates untouched", async () => {
    const accountId = uniqueAccountId();
    const overrides = { monthlyQuota: 3n, requestsPerMinute: 100, burstPerSecond: 100 };
    const reading = { route: "POST /v1/readings" }; // 2 units
    const first = await service.rateLimit.check(request(accountId, overrides, reading));
    expect(first.allowed).toBe(true);
    expect(first.limits.find((l) => l.name === "month")?.remaining).toBe(1n);
    expect(first.limits.find((l) => l.name === "minute")?.remaining).toBe(99n);

    const second = await service.rateLimit.check(request(accountId, overrides, reading));
    expect(second.allowed).toBe(false);
    expect(second.limits.find((l) => l.name === "month")?.exceeded).toBe(true);
    expect(second.limits.find((l) => l.name === "minute")?.exceeded).toBe(false);

    // A chart (1 unit) still fits: the refused reading took neither a unit nor a request.
    const third = await service.rateLimit.check(request(accountId, overrides));
    expect(third.allowed).toBe(true);
    expect(third.limits.find((l) => l.name === "month")?.remaining).toBe(0n);
    expect(third.limits.find((l) => l.name === "minute")?.remaining).toBe(98n);
  });

  it("names a Retry-After after which the refused request succeeds", async () => {
    const accountId = uniqueAccountId();
    const overrides = { burstPerSecond: 2 };
    await service.rateLimit.check(request(accountId, overrides));
    await service.rateLimit.check(request(accountId, overrides));
    const refused = await service.rateLimit.check(request(accountId, overrides));
    expect(refused.allowed).toBe(false);
    expect(refused.limits.find((l) => l.name === "burst")?.exceeded).toBe(true);
    expect(refused.retryAfterSeconds).toBe(1);
    await sleep(refused.retryAfterSeconds * 1000);
    expect((await service.rateLimit.check(request(accountId, overrides))).allowed).toBe(true);
  });

  it("keeps remaining from increasing while requests come faster than the window refills", async () => {
    const accountId = uniqueAccountId();
    const overrides = { requestsPerMinute: 6, burstPerSecond: 100 };
    const remaining: bigint[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await service.rateLimit.check(request(accountId, overrides));
      expect(response.allowed).toBe(true);
      remaining.push(response.limits.find((l) => l.name === "minute")?.remaining ?? -1n);
    }
    expect(remaining).toEqual([5n, 4n, 3n, 2n, 1n, 0n]);
  });

  it("counts a key's lower limits for that key alone", async () => {
    const accountId = uniqueAccountId();
    const keyed = (keyId: string) =>
      request(accountId, { burstPerSecond: 50 }, { keyId, keyOverrides: { burstPerSecond: 1 } });
    expect((await service.rateLimit.check(keyed("key_a"))).allowed).toBe(true);
    const refused = await service.rateLimit.check(keyed("key_a"));
    expect(refused.allowed).toBe(false);
    expect(refused.limits.find((l) => l.name === "key-burst")?.exceeded).toBe(true);
    expect(refused.limits.find((l) => l.name === "burst")?.exceeded).toBe(false);
    expect((await service.rateLimit.check(keyed("key_b"))).allowed).toBe(true);
  });

  it("decides a batch check by check, each on its own, with errors in their slots", async () => {
    const accountId = uniqueAccountId();
    const overrides = { burstPerSecond: 1 };
    const { results } = await service.rateLimit.checkBatch({
      checks: [
        request(accountId, overrides),
        request(accountId, overrides),
        request("acc}{evil", overrides),
      ],
    });
    expect(results).toHaveLength(3);
    const allowed = results.map(({ result }) =>
      result.case === "response" ? result.value.allowed : undefined,
    );
    expect(allowed.slice(0, 2).sort()).toEqual([false, true]);
    const failed = results[2]?.result;
    expect(failed?.case).toBe("error");
    if (failed?.case === "error") {
      expect(errorFromStatus(failed.value)).toMatchObject({
        kind: "invalid_argument",
        code: "INVALID_ID",
      });
    }
  });

  it("refuses ids that cannot be part of a Redis key", async () => {
    await expect(
      service.rateLimit.check(request("acc}{evil", { burstPerSecond: 5 })),
    ).rejects.toMatchObject({ kind: "invalid_argument", code: "INVALID_ID" });
  });
});

describe("the monthly quota", () => {
  it("resets at the account's billing anchor day, on Redis' clock", async () => {
    const now = new Date();
    for (const anchor of [1, 15, 28, Math.min(now.getUTCDate(), 28)]) {
      const accountId = uniqueAccountId();
      const usage = await service.rateLimit.getUsage({
        accountId,
        account: { plan: Plan.BASIC, billingCycleAnchorDay: anchor },
      });
      // The latest UTC midnight on an anchor day, found by walking back a day at a time.
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      while (start.getUTCDate() !== anchor) start.setUTCDate(start.getUTCDate() - 1);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, anchor));
      expect(usage.cycleStartedAt?.seconds).toBe(BigInt(start.getTime() / 1000));
      expect(usage.cycleResetsAt?.seconds).toBe(BigInt(end.getTime() / 1000));
      expect(usage.monthlyQuota).toBe(250_000n);
      expect(usage.plan).toBe("basic");
    }
  });
});
