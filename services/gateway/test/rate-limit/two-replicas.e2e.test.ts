import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import { createRpcClient } from "@orrery/rpc";
import {
  infra,
  type ServiceProcess,
  stackServiceTargets,
  startServiceProcess,
} from "@orrery/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueChartInput } from "../../src/app.test-support.js";

// The running stack's gateway plus a second gateway process, both authenticating real API keys
// and deciding against the stack's rate-limit Redis: limits hold across replicas, exactly.
const targets = stackServiceTargets();
const accounts = createRpcClient(AccountService, {
  target: targets.apiKey,
  defaultTimeoutMs: 5_000,
});
const keys = createRpcClient(ApiKeyService, { target: targets.apiKey, defaultTimeoutMs: 5_000 });
const rateLimits = createRpcClient(RateLimitService, {
  target: targets.rateLimit,
  defaultTimeoutMs: 5_000,
});
let secondGateway: ServiceProcess;

beforeAll(async () => {
  secondGateway = await startServiceProcess("gateway");
});

afterAll(async () => {
  accounts.close();
  keys.close();
  rateLimits.close();
  await secondGateway?.stop();
});

async function keyFor(overrides: { requestsPerMinute?: number; burstPerSecond?: number }) {
  const { account } = await accounts.createAccount({
    name: "rate limit e2e",
    plan: Plan.FREE,
    overrides,
    billingCycleAnchorDay: 1,
  });
  const created = await keys.createKey({
    accountId: account?.id ?? "",
    name: "rate limit e2e",
    scopes: ["charts:read", "analytics:read"],
    environment: KeyEnvironment.LIVE,
  });
  return { accountId: account?.id ?? "", key: created.key };
}

function chart(baseUrl: string, key: string) {
  return fetch(`${baseUrl}/v1/charts`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(uniqueChartInput()),
  });
}

it("lets exactly N of 2N concurrent requests through two gateway replicas", async () => {
  const { accountId, key } = await keyFor({ requestsPerMinute: 10, burstPerSecond: 100 });
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      chart(index % 2 === 0 ? infra.gatewayUrl : secondGateway.url, key),
    ),
  );
  const statuses = responses.map((response) => response.status);
  // Every answer was decided (none failed open, which would carry no RateLimit field).
  for (const response of responses) expect(response.headers.get("ratelimit")).not.toBeNull();
  expect(statuses.filter((status) => status === 200)).toHaveLength(10);
  expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  for (const response of responses.filter((candidate) => candidate.status === 429)) {
    expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect(await response.json()).toMatchObject({ "violated-policies": ["minute"] });
  }
  // The refused ten took nothing from the month.
  const usage = await rateLimits.getUsage({ accountId });
  expect(usage.monthlyUsed).toBe(10n);
});

it("answers GET /v1/usage for the key's account on either replica", async () => {
  const { key } = await keyFor({ burstPerSecond: 100 });
  expect((await chart(infra.gatewayUrl, key)).status).toBe(200);
  const response = await fetch(`${secondGateway.url}/v1/usage`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("ratelimit-policy")).toContain('"minute";q=60;w=60');
  expect(await response.json()).toMatchObject({
    plan: "free",
    monthly: { used: 1, quota: 10_000 },
  });
});
