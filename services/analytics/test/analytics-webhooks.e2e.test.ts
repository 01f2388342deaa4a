import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTenant, gatewayCall, stackAdminKey, waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Webhook deliveries through the running stack to a receiver on loopback (the local stack admits
// 127.0.0.0/8 over plain http), then the admin overview's `webhooks`: every attempt the
// dispatcher made, counted once by analytics from orrery.webhooks.attempts.v1.
let admin: string;
let receiver: Server;
let receiverUrl: string;
/** Requests per message id on the flaky path: the first attempt fails, the retry succeeds. */
const flakySeen = new Map<string, number>();

const call = (method: string, path: string, key: string, body?: unknown) =>
  gatewayCall<never>(method, path, key, body);

beforeAll(async () => {
  admin = await stackAdminKey();
  receiver = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (request.url === "/flaky") {
        const id = String(request.headers["webhook-id"]);
        const seen = (flakySeen.get(id) ?? 0) + 1;
        flakySeen.set(id, seen);
        response.writeHead(seen === 1 ? 500 : 204).end();
        return;
      }
      // The healthy path answers after a moment, so durations are not all zero.
      setTimeout(() => response.writeHead(204).end(), 60);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

interface WebhookAccount {
  accountId: string;
  attempts: number;
  succeeded: number;
  failed: number;
  successRate: number;
  meanDurationMs: number;
}

interface Overview {
  webhooks: {
    attempts: number;
    succeeded: number;
    failed: number;
    successRate: number;
    meanDurationMs: number;
    topFailingAccounts: WebhookAccount[];
  };
}

describe("the admin overview's webhook success rate through the stack", () => {
  it("counts every delivery attempt once, with its outcome and duration", async () => {
    const { accountId, key } = await createTenant({
      admin,
      name: "webhook analytics e2e",
      scopes: ["webhooks:manage"],
      overrides: { burstPerSecond: 1_000, requestsPerMinute: 10_000 },
    });
    // Subscribed to nothing that happens here: only the test events below reach them.
    const endpoint = async (path: string) => {
      const made = await call("POST", "/v1/webhooks/endpoints", key, {
        url: `${receiverUrl}${path}`,
        eventTypes: ["batch.completed"],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return (made.body as { id: string }).id;
    };
    const healthy = await endpoint("/ok");
    const flaky = await endpoint("/flaky");
    const messages: string[] = [];
    for (const endpointId of [healthy, healthy, healthy, flaky, flaky]) {
      const sent = await call("POST", `/v1/webhooks/endpoints/${endpointId}/test`, key);
      expect(sent.status).toBe(202);
      messages.push((sent.body as { id: string }).id);
    }

    // Three deliveries at once; two that fail, then succeed on the retry (~5 s later).
    const attempts = await waitFor(
      async () => {
        const all = [];
        for (const messageId of messages) {
          const listed = await call("GET", `/v1/webhooks/messages/${messageId}/attempts`, key);
          all.push(
            ...(listed.body as { attempts: { succeeded: boolean; latencyMs: number }[] }).attempts,
          );
        }
        return all.filter((attempt) => attempt.succeeded).length === 5 ? all : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "five messages delivered" },
    );
    expect(attempts).toHaveLength(7);
    const summedMs = attempts.reduce((sum, attempt) => sum + attempt.latencyMs, 0);
    expect(summedMs).toBeGreaterThanOrEqual(3 * 60);

    const since = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const mine = await waitFor(
      async () => {
        const overview = await call("GET", `/v1/analytics/overview?from=${since}&limit=100`, admin);
        expect(overview.status).toBe(200);
        const { webhooks } = overview.body as Overview;
        const entry = webhooks.topFailingAccounts.find((entry) => entry.accountId === accountId);
        return entry?.attempts === 7 ? { webhooks, entry } : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: "the account's attempts counted" },
    );
    expect(mine.entry).toEqual({
      accountId,
      attempts: 7,
      succeeded: 5,
      failed: 2,
      successRate: 0.714,
      meanDurationMs: Math.round((summedMs / 7) * 1000) / 1000,
    });
    // The platform's totals hold every account's attempts, this one's among them.
    const { webhooks } = mine;
    expect(webhooks.attempts).toBeGreaterThanOrEqual(7);
    expect(webhooks.succeeded).toBeGreaterThanOrEqual(5);
    expect(webhooks.failed).toBeGreaterThanOrEqual(2);
    expect(webhooks.attempts).toBe(webhooks.succeeded + webhooks.failed);
    expect(webhooks.successRate).toBeCloseTo(webhooks.succeeded / webhooks.attempts, 3);

    // Counted for good: later looks find the same numbers.
    const again = await call("GET", `/v1/analytics/overview?from=${since}&limit=100`, admin);
    const entry = (again.body as Overview).webhooks.topFailingAccounts.find(
      (candidate) => candidate.accountId === accountId,
    );
    expect(entry).toEqual(mine.entry);
  });
});
