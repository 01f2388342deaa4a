import { createPrismaClient } from "@orrery/db";
import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import { infra, stackEnvironment, waitFor } from "@orrery/testing";
import { afterAll, expect, it } from "vitest";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { apiKeyTarget, thresholdEvents } from "./harness.js";

// The running stack: its gateway decides against Redis itself, and this service learns what
// those decisions charged from the usage events (durable counts, quota threshold events).
const accounts = createRpcClient(AccountService, { target: apiKeyTarget, defaultTimeoutMs: 5_000 });
const keys = createRpcClient(ApiKeyService, { target: apiKeyTarget, defaultTimeoutMs: 5_000 });
const prisma = createPrismaClient(PrismaClient, {
  url: stackEnvironment("rate-limit").DATABASE_URL ?? "",
  poolSize: 2,
  applicationName: "rate-limit-e2e",
});

afterAll(async () => {
  accounts.close();
  keys.close();
  await prisma.$disconnect();
});

function chart(key: string, index: number) {
  return fetch(`${infra.gatewayUrl}/v1/charts`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({
      datetime: `1990-04-${String(10 + index).padStart(2, "0")}T12:00:00`,
      timezone: "Europe/London",
      latitude: 51.5,
      longitude: -0.12,
    }),
  });
}

it("persists the gateway's charges and announces 80 % and 100 % of the quota once", async () => {
  const { account } = await accounts.createAccount({
    name: "gateway decisions e2e",
    plan: Plan.FREE,
    overrides: { monthlyQuota: 5n, burstPerSecond: 100 },
    billingCycleAnchorDay: 1,
  });
  const accountId = account?.id ?? "";
  const { key } = await keys.createKey({
    accountId,
    name: "gateway decisions e2e",
    scopes: ["charts:read"],
    environment: KeyEnvironment.LIVE,
  });

  const statuses: number[] = [];
  for (let index = 0; index < 7; index += 1) statuses.push((await chart(key, index)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);

  const events = await thresholdEvents(accountId, 2_000);
  const announced = events.map((event) => [event.threshold, event.used]);
  expect(announced.sort(([a], [b]) => Number(a) - Number(b))).toEqual([
    [80, 4n],
    [100, 5n],
  ]);
  // The count reaches Postgres within a flush interval (5 s); the refused two are not in it.
  await waitFor(
    async () =>
      (await prisma.usageCounter.findFirst({ where: { accountId, scope: "account" } }))?.used ===
      5n,
    { timeoutMs: 20_000, message: "usage persisted" },
  );
});
