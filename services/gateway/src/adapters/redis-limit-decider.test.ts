import type { LimitStore, QuotaRefund, StoreDecision } from "@orrery/limits";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { describe, expect, it } from "vitest";
import {
  type CheckInput,
  type RateLimitDecider,
  type RateLimitDecision,
  RateLimitUndecided,
} from "../domain/rate-limit.js";
import { RedisLimitDecider, type RefundableLimitStore } from "./redis-limit-decider.js";

// The routing and mapping around the store; the script itself runs against real Redis in
// rate-limit.int.test.ts and the rate-limit service's tests.
const policy = loadPolicyFile(defaultPolicyPath);
const cycle = { startSeconds: 1_793_491_200, endSeconds: 1_796_083_200 };

function store(decide: LimitStore["decide"]): RefundableLimitStore & {
  calls: number;
  refunds: QuotaRefund[];
} {
  const counted = {
    calls: 0,
    refunds: [] as QuotaRefund[],
    decide: (request: Parameters<LimitStore["decide"]>[0]) => {
      counted.calls += 1;
      return decide(request);
    },
    refund: (refund: QuotaRefund) => {
      counted.refunds.push(refund);
      return Promise.resolve(refund.quotas.map(() => 7));
    },
  };
  return counted;
}

const serviceDecision: RateLimitDecision = {
  allowed: true,
  limits: [],
  retryAfterSeconds: 0,
  degraded: false,
};
const service: RateLimitDecider & { checked: CheckInput[] } = {
  checked: [],
  check(input) {
    this.checked.push(input);
    return Promise.resolve(serviceDecision);
  },
  usage: () => Promise.reject(new Error("not used here")),
};

const input = (account: CheckInput["account"]): CheckInput => ({
  accountId: "acc_1",
  keyId: "key_1",
  route: "POST /v1/readings",
  cost: 0,
  account,
  keyOverrides: undefined,
  sandbox: false,
});
const free = { plan: "free", overrides: undefined, billingCycleAnchorDay: 15 };

/** What the script answers for the checks it was given: every limit with room, month at `used`. */
function allowing(used: number): LimitStore["decide"] {
  return (request) =>
    Promise.resolve<StoreDecision>({
      allowed: true,
      cycle,
      outcomes: request.checks.map((check) => ({
        name: check.name,
        kind: check.kind,
        limit: check.limit,
        windowSeconds: check.windowSeconds,
        remaining: check.limit - (check.kind === "quota" ? used : 1),
        resetMs: 1_000,
        exceeded: false,
        retryAfterMs: 0,
        used: check.kind === "quota" ? used : 0,
      })),
    });
}

describe("RedisLimitDecider", () => {
  it("decides with the plan's limits, the route's price and the account's anchor day", async () => {
    let seen: Parameters<LimitStore["decide"]>[0] | undefined;
    const limiter = new RedisLimitDecider({
      store: store((request) => {
        seen = request;
        return allowing(2)(request);
      }),
      policy: () => policy,
      service,
    });
    const decision = await limiter.check(input(free));
    expect(seen?.billingCycleAnchorDay).toBe(15);
    expect(seen?.mode).toBe("charge");
    expect(seen?.checks.map((check) => [check.name, check.limit, check.cost])).toEqual([
      ["burst", 5, 1],
      ["minute", 60, 1],
      ["month", 10_000, 2],
    ]);
    expect(decision.quota).toEqual({
      used: 2,
      quota: 10_000,
      cycleStartSeconds: cycle.startSeconds,
      cycleEndSeconds: cycle.endSeconds,
      keyCounted: false,
    });
  });

  it("gives back what it charged, to the month it charged, when asked to refund", async () => {
    const counted = store(allowing(2));
    const limiter = new RedisLimitDecider({ store: counted, policy: () => policy, service });
    const decision = await limiter.check(input(free));
    expect(decision.charge?.units).toBe(2);
    const after = await limiter.refund(decision.charge ?? expect.unreachable());
    expect(counted.refunds).toEqual([
      {
        accountId: "acc_1",
        cycleStartSeconds: cycle.startSeconds,
        quotas: [expect.objectContaining({ name: "month", cost: 2 })],
      },
    ]);
    expect(after).toMatchObject({ used: 7, quota: 10_000 });
  });

  it("decides a test key's request in the sandbox, never at the service", async () => {
    let seen: Parameters<LimitStore["decide"]>[0] | undefined;
    const counted = store((request) => {
      seen = request;
      return allowing(1)(request);
    });
    const limiter = new RedisLimitDecider({ store: counted, policy: () => policy, service });
    service.checked.length = 0;
    await limiter.check({ ...input(undefined), sandbox: true });
    expect(service.checked).toHaveLength(0);
    const sandbox = policy.document.sandbox;
    expect(seen?.checks.map((check) => [check.name, check.limit, check.sandbox])).toEqual([
      ["burst", sandbox.burstPerSecond, true],
      ["minute", sandbox.requestsPerMinute, true],
      ["month", sandbox.monthlyQuota, true],
    ]);
  });

  it("reports no quota use for a refused request", async () => {
    const limiter = new RedisLimitDecider({
      store: store((request) =>
        allowing(0)(request).then((decision) => ({ ...decision, allowed: false })),
      ),
      policy: () => policy,
      service,
    });
    const decision = await limiter.check(input(free));
    expect(decision.allowed).toBe(false);
    expect(decision.quota).toBeUndefined();
    expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("leaves accounts it cannot describe to the rate-limit service", async () => {
    const counted = store(allowing(1));
    const limiter = new RedisLimitDecider({ store: counted, policy: () => policy, service });
    service.checked.length = 0;
    expect(await limiter.check(input(undefined))).toBe(serviceDecision);
    expect(await limiter.check(input({ ...free, plan: "enterprise" }))).toBe(serviceDecision);
    expect(service.checked).toHaveLength(2);
    expect(counted.calls).toBe(0);
  });

  it("turns a store failure into 'could not decide', for the plan's fail mode", async () => {
    const limiter = new RedisLimitDecider({
      store: store(() => Promise.reject(new Error("Command timed out"))),
      policy: () => policy,
      service,
    });
    const failure = await limiter.check(input(free)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimitUndecided);
    expect((failure as RateLimitUndecided).cause).toMatchObject({ message: "Command timed out" });
  });
});
