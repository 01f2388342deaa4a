import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import { RateLimitService as EnvoyRateLimitService } from "@orrery/proto/envoy/service/ratelimit/v3/rls";
import { createRpcClient } from "@orrery/rpc";
import { stackServiceTargets, waitFor } from "@orrery/testing";
import { afterAll, expect, it } from "vitest";

// The running stack: api-key announces the change on orrery.accounts.v1, every rate-limit replica
// drops its cached account, and the next decision uses the new plan. The account cache's TTL is
// a minute, so only the event can make the change visible within a few seconds.
const targets = stackServiceTargets();
const accounts = createRpcClient(AccountService, {
  target: targets.apiKey,
  defaultTimeoutMs: 5_000,
});
const envoy = createRpcClient(EnvoyRateLimitService, {
  target: targets.rateLimit,
  defaultTimeoutMs: 5_000,
});

afterAll(() => {
  accounts.close();
  envoy.close();
});

async function burstLimit(accountId: string): Promise<number | undefined> {
  const response = await envoy.shouldRateLimit({
    domain: "orrery",
    descriptors: [
      {
        entries: [
          { key: "account_id", value: accountId },
          { key: "limit", value: "burst" },
        ],
      },
    ],
  });
  return response.statuses[0]?.currentLimit?.requestsPerUnit;
}

it("applies a plan change on the next request, without a restart", async () => {
  const { account } = await accounts.createAccount({
    name: "plan change",
    plan: Plan.FREE,
    billingCycleAnchorDay: 1,
  });
  const accountId = account?.id ?? "";
  expect(await burstLimit(accountId)).toBe(5);

  await accounts.updatePlan({ accountId, plan: Plan.PREMIUM });
  await waitFor(async () => (await burstLimit(accountId)) === 100, {
    timeoutMs: 10_000,
    intervalMs: 200,
    message: "premium burst limit seen by rate-limit",
  });

  await accounts.updatePlan({ accountId, plan: Plan.PREMIUM, overrides: { burstPerSecond: 7 } });
  await waitFor(async () => (await burstLimit(accountId)) === 7, {
    timeoutMs: 10_000,
    intervalMs: 200,
    message: "override seen by rate-limit",
  });
});
