import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import {
  RateLimitResponse_Code as Code,
  RateLimitResponse_RateLimit_Unit as Unit,
} from "@orrery/proto/envoy/service/ratelimit/v3/rls";
import { createRpcClient } from "@orrery/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyTarget, type RateLimitUnderTest, startRateLimit } from "./harness.js";

// Envoy sends only ids, so accounts are looked up in the stack's api-key: real ones are made here.
const accounts = createRpcClient(AccountService, { target: apiKeyTarget, defaultTimeoutMs: 5_000 });
let service: RateLimitUnderTest;

beforeAll(async () => {
  service = await startRateLimit();
});

afterAll(async () => {
  accounts.close();
  await service?.close();
});

async function createAccount(overrides: { burstPerSecond?: number; monthlyQuota?: bigint }) {
  const { account } = await accounts.createAccount({
    name: "envoy test",
    plan: Plan.BASIC,
    overrides,
    billingCycleAnchorDay: 1,
  });
  return account?.id ?? "";
}

const entries = (values: Record<string, string>) =>
  Object.entries(values).map(([key, value]) => ({ key, value }));

describe("envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit", () => {
  it("answers one status per descriptor, in order, OVER_LIMIT when any is over", async () => {
    const accountId = await createAccount({ burstPerSecond: 2 });
    const request = {
      domain: "orrery",
      descriptors: [
        { entries: entries({ account_id: accountId, limit: "burst" }) },
        { entries: entries({ account_id: accountId, limit: "month", route: "POST /v1/readings" }) },
      ],
    };
    const first = await service.envoy.shouldRateLimit(request);
    expect(first.overallCode).toBe(Code.OK);
    expect(first.statuses).toHaveLength(2);
    expect(first.statuses[0]).toMatchObject({
      code: Code.OK,
      currentLimit: { name: "burst", requestsPerUnit: 2, unit: Unit.SECOND },
      limitRemaining: 1,
    });
    expect(first.statuses[1]).toMatchObject({
      code: Code.OK,
      currentLimit: { name: "month", requestsPerUnit: 250_000, unit: Unit.MONTH },
      limitRemaining: 250_000 - 2,
    });
    expect(first.statuses[1]?.durationUntilReset?.seconds).toBeGreaterThan(0n);

    await service.envoy.shouldRateLimit(request);
    const third = await service.envoy.shouldRateLimit(request);
    expect(third.overallCode).toBe(Code.OVER_LIMIT);
    expect(third.statuses.map((status) => status.code)).toEqual([Code.OVER_LIMIT, Code.OK]);
    // Refused as a whole: the month was not charged for the refused request.
    expect(third.statuses[1]?.limitRemaining).toBe(250_000 - 4);
  });

  it("charges hits_addend to every limit and leaves descriptors without an account alone", async () => {
    const accountId = await createAccount({ burstPerSecond: 3 });
    const response = await service.envoy.shouldRateLimit({
      domain: "orrery",
      hitsAddend: 3,
      descriptors: [
        { entries: entries({ remote_address: "10.0.0.1" }) },
        { entries: entries({ account_id: accountId }) },
      ],
    });
    expect(response.overallCode).toBe(Code.OK);
    expect(response.statuses[0]).toMatchObject({ code: Code.OK });
    expect(response.statuses[0]?.currentLimit).toBeUndefined();
    expect(response.statuses[1]).toMatchObject({
      code: Code.OK,
      currentLimit: { name: "burst", requestsPerUnit: 3 },
      limitRemaining: 0,
    });
    const next = await service.envoy.shouldRateLimit({
      domain: "orrery",
      descriptors: [{ entries: entries({ account_id: accountId }) }],
    });
    expect(next.overallCode).toBe(Code.OVER_LIMIT);
  });

  it("refuses unknown accounts and rejects foreign domains", async () => {
    const unknown = await service.envoy.shouldRateLimit({
      domain: "orrery",
      descriptors: [{ entries: entries({ account_id: "acc_doesnotexist000000000" }) }],
    });
    expect(unknown.overallCode).toBe(Code.OVER_LIMIT);
    await expect(
      service.envoy.shouldRateLimit({ domain: "other", descriptors: [] }),
    ).rejects.toMatchObject({ kind: "invalid_argument", code: "UNKNOWN_DOMAIN" });
  });
});
