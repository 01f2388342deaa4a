import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createKafka, EventPublisher } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import {
  createTenant,
  gatewayCall,
  infra,
  repoRoot,
  stackEnvironment,
  waitFor,
} from "@orrery/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Receiver } from "./support/receiver.js";

// Webhooks through the running stack: the gateway's /v1/webhooks routes, webhook-dispatcher,
// api-key's and rate-limit's real events over Kafka, and a partner's receiver on loopback
// (the local stack allow-lists 127.0.0.0/8 and plain http for developers).
const run = promisify(execFile);
const gateway = infra.gatewayUrl;
const logger = createLogger({ service: "webhooks-e2e", level: "silent" });
const publisher = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "webhooks-e2e", logger }),
  source: "/orrery/webhooks-e2e",
  logger,
});
let admin: string;
let receiver: Receiver;

const call = (method: string, path: string, key: string, body?: unknown) =>
  gatewayCall(method, path, key, body);

function tenant(overrides: Record<string, number> = {}) {
  return createTenant({
    admin,
    name: "webhooks e2e",
    plan: "free",
    scopes: ["webhooks:manage", "keys:manage", "charts:read"],
    // Room for the test's bursts of calls; the limits under test are set by each test.
    overrides: { burstPerSecond: 100, requestsPerMinute: 3_000, ...overrides },
  });
}

function verified(secret: string, index: number) {
  const request = receiver.requests[index];
  if (request === undefined) throw new Error(`no request ${index}`);
  return new Webhook(secret).verify(request.body.toString("utf8"), {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };
}

/** Every verified delivery so far whose type is `type`. */
function deliveriesOf(secret: string, type: string) {
  return receiver.requests
    .map((_, index) => verified(secret, index))
    .filter((event) => event.type === type);
}

/** Waits until `count` deliveries of `type` have arrived, and returns them. */
async function deliveredEvents(secret: string, type: string, count: number) {
  await waitFor(() => deliveriesOf(secret, type).length === count, {
    timeoutMs: 30_000,
    intervalMs: 200,
    message: `${count} ${type} delivered`,
  });
  return deliveriesOf(secret, type);
}

beforeAll(async () => {
  const bootstrap = await run("node", ["services/api-key/dist/cli/bootstrap-admin.js"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...stackEnvironment("api-key") },
  });
  admin = bootstrap.stdout.split("\n")[0]!.trim();
  receiver = await new Receiver().start();
});

afterAll(async () => {
  await publisher.disconnect();
  await receiver?.stop();
});

describe("webhooks through the gateway", () => {
  it("delivers key, quota and batch events of the account to its endpoint, signed", async () => {
    const owner = await tenant({ monthlyQuota: 5 });
    const created = await call("POST", "/v1/webhooks/endpoints", owner.key, {
      url: receiver.url,
      description: "e2e receiver",
      eventTypes: ["key.created", "quota.threshold_reached", "quota.exhausted", "batch.completed"],
      metadata: { team: "platform" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("location")).toBe(`/v1/webhooks/endpoints/${created.body.id}`);
    const secret = created.body.secret as string;
    const endpointId = created.body.id as string;
    expect(created.body).toMatchObject({
      kind: "standard",
      disabled: false,
      metadata: { team: "platform" },
    });
    const fetched = await call("GET", `/v1/webhooks/endpoints/${endpointId}`, owner.key);
    expect(fetched.status).toBe(200);
    expect(fetched.body.secret).toBeUndefined();

    // api-key publishes orrery.key.created.
    const key = await call("POST", "/v1/keys", owner.key, { name: "ci", scopes: ["charts:read"] });
    expect(key.status).toBe(201);
    const [keyCreated] = await deliveredEvents(secret, "key.created", 1);
    expect(keyCreated?.data).toMatchObject({
      accountId: owner.accountId,
      keyId: key.body.id,
      name: "ci",
      scopes: ["charts:read"],
    });

    // The filter holds: key.revoked is not subscribed. The next key.created comes after it on the
    // account's partition, so once that one arrives the revocation was handled (and skipped).
    expect((await call("POST", `/v1/keys/${key.body.id}/revoke`, owner.key)).status).toBe(200);
    expect(
      (await call("POST", "/v1/keys", owner.key, { name: "ci-2", scopes: ["charts:read"] })).status,
    ).toBe(201);
    await deliveredEvents(secret, "key.created", 2);
    expect(deliveriesOf(secret, "key.revoked")).toEqual([]);
    const revoked = await call("GET", "/v1/webhooks/messages?eventType=key.revoked", owner.key);
    expect(revoked.body.messages).toEqual([]);

    // Charts until the quota of 5 is used up: rate-limit announces 80 % and 100 %.
    let refusedAt: number | undefined;
    for (let index = 0; index < 10 && refusedAt === undefined; index += 1) {
      const chart = await call("POST", "/v1/charts", owner.key, {
        datetime: `1990-0${(index % 9) + 1}-15T12:00:00Z`,
        latitude: 51.5,
        longitude: -0.12,
      });
      if (chart.status === 429) refusedAt = index;
      else expect(chart.status, JSON.stringify(chart.body)).toBe(200);
    }
    expect(refusedAt).toBeDefined();
    await waitFor(
      () =>
        deliveriesOf(secret, "quota.threshold_reached").length === 1 &&
        deliveriesOf(secret, "quota.exhausted").length === 1,
      { timeoutMs: 45_000, intervalMs: 250, message: "quota events delivered" },
    );
    expect(deliveriesOf(secret, "quota.exhausted")[0]?.data).toMatchObject({
      accountId: owner.accountId,
      thresholdPercent: 100,
      quota: 5,
    });

    // Batches do not exist yet: their events are produced here as batch-worker will.
    const completed = {
      accountId: owner.accountId,
      batchId: "bat_e2e",
      status: "completed",
      totalItems: 10,
      succeededItems: 9,
      failedItems: 1,
    };
    await publisher.publish({
      type: "orrery.batch.completed",
      accountId: owner.accountId,
      data: completed,
    });
    const [batchCompleted] = await deliveredEvents(secret, "batch.completed", 1);
    expect(batchCompleted?.data).toEqual(completed);
    const messages = await call(
      "GET",
      `/v1/webhooks/messages?endpointId=${endpointId}&eventType=key.created`,
      owner.key,
    );
    expect(messages.status).toBe(200);
    // Newest first: ci-2's, then ci's.
    const list = messages.body.messages as { id: string; status: string }[];
    expect(list).toHaveLength(2);
    await waitFor(
      async () =>
        (await call("GET", `/v1/webhooks/messages/${list[0]!.id}`, owner.key)).body.status ===
        "succeeded",
      { timeoutMs: 10_000, message: "message succeeded" },
    );
    const one = await call("GET", `/v1/webhooks/messages/${list[0]!.id}`, owner.key);
    expect(one.body).toMatchObject({ endpointId, eventType: "key.created", attempts: 1 });
    expect((one.body.payload as { type: string }).type).toBe("key.created");
    const attempts = await call("GET", `/v1/webhooks/messages/${list[0]!.id}/attempts`, owner.key);
    expect(attempts.body.attempts).toEqual([
      expect.objectContaining({ number: 1, responseStatus: 200, succeeded: true }),
    ]);
  });

  it("answers another tenant's ids with 404, enforces the plan's endpoint limit and the scope", async () => {
    const owner = await tenant({ webhookEndpoints: 2 });
    const stranger = await tenant();
    const first = await call("POST", "/v1/webhooks/endpoints", owner.key, { url: receiver.url });
    const endpointId = first.body.id as string;
    const test = await call("POST", `/v1/webhooks/endpoints/${endpointId}/test`, owner.key);
    expect(test.status).toBe(202);
    const messageId = test.body.id as string;

    for (const [method, path] of [
      ["GET", `/v1/webhooks/endpoints/${endpointId}`],
      ["PATCH", `/v1/webhooks/endpoints/${endpointId}`],
      ["DELETE", `/v1/webhooks/endpoints/${endpointId}`],
      ["POST", `/v1/webhooks/endpoints/${endpointId}/rotate-secret`],
      ["POST", `/v1/webhooks/endpoints/${endpointId}/test`],
      ["POST", `/v1/webhooks/endpoints/${endpointId}/enable`],
    ] as const) {
      const reply = await call(
        method,
        path,
        stranger.key,
        method === "PATCH" ? { description: "x" } : undefined,
      );
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.type).toBe("https://orrery.dev/problems/endpoint-not-found");
    }
    const recover = await call(
      "POST",
      `/v1/webhooks/endpoints/${endpointId}/recover`,
      stranger.key,
      {
        since: new Date(Date.now() - 60_000).toISOString(),
      },
    );
    expect(recover.status).toBe(404);
    for (const [method, path] of [
      ["GET", `/v1/webhooks/messages/${messageId}`],
      ["GET", `/v1/webhooks/messages/${messageId}/attempts`],
      ["POST", `/v1/webhooks/messages/${messageId}/retry`],
    ] as const) {
      const reply = await call(method, path, stranger.key);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.type).toBe("https://orrery.dev/problems/message-not-found");
    }
    const strangersList = await call(
      "GET",
      `/v1/webhooks/messages?endpointId=${endpointId}`,
      stranger.key,
    );
    expect(strangersList.body.messages).toEqual([]);

    const second = await call("POST", "/v1/webhooks/endpoints", owner.key, {
      url: receiver.url,
      kind: "slack",
    });
    expect(second.status).toBe(201);
    const third = await call("POST", "/v1/webhooks/endpoints", owner.key, { url: receiver.url });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({
      type: "https://orrery.dev/problems/webhook-endpoint-limit-reached",
      code: "WEBHOOK_ENDPOINT_LIMIT_REACHED",
    });
    const refused = await call("POST", "/v1/webhooks/endpoints", stranger.key, {
      url: "https://169.254.169.254/latest/meta-data/",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe("https://orrery.dev/problems/webhook-url-not-allowed");

    const narrow = await call("POST", "/v1/keys", owner.key, {
      name: "charts only",
      scopes: ["charts:read"],
    });
    const forbidden = await call("GET", "/v1/webhooks/endpoints", narrow.body.key as string);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe("INSUFFICIENT_SCOPE");

    const listed = await call("GET", "/v1/webhooks/endpoints?pageSize=1", owner.key);
    expect((listed.body.endpoints as unknown[]).length).toBe(1);
    const rest = await call(
      "GET",
      `/v1/webhooks/endpoints?pageSize=1&pageToken=${encodeURIComponent(String(listed.body.nextPageToken))}`,
      owner.key,
    );
    expect((rest.body.endpoints as { id: string }[])[0]?.id).toBe(endpointId);
    const deleted = await call("DELETE", `/v1/webhooks/endpoints/${endpointId}`, owner.key);
    expect(deleted.status).toBe(204);
    expect((await call("GET", `/v1/webhooks/endpoints/${endpointId}`, owner.key)).status).toBe(404);
  });

  it("documents every webhook route and its problem types in the OpenAPI document", async () => {
    const document = (await (await fetch(`${gateway}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { "x-orrery-scope": string }>>;
      "x-orrery-problem-types": { code: string }[];
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/v1/webhooks"))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
      );
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      "DELETE /v1/webhooks/endpoints/{endpointId}",
      "GET /v1/webhooks/endpoints",
      "GET /v1/webhooks/endpoints/{endpointId}",
      "GET /v1/webhooks/event-types",
      "GET /v1/webhooks/messages",
      "GET /v1/webhooks/messages/{messageId}",
      "GET /v1/webhooks/messages/{messageId}/attempts",
      "PATCH /v1/webhooks/endpoints/{endpointId}",
      "POST /v1/webhooks/endpoints",
      "POST /v1/webhooks/endpoints/{endpointId}/enable",
      "POST /v1/webhooks/endpoints/{endpointId}/recover",
      "POST /v1/webhooks/endpoints/{endpointId}/rotate-secret",
      "POST /v1/webhooks/endpoints/{endpointId}/test",
      "POST /v1/webhooks/messages/{messageId}/retry",
    ]);
    expect(
      operations.every(({ operation }) => operation["x-orrery-scope"] === "webhooks:manage"),
    ).toBe(true);
    const codes = document["x-orrery-problem-types"].map((type) => type.code);
    for (const code of [
      "ENDPOINT_NOT_FOUND",
      "MESSAGE_NOT_FOUND",
      "WEBHOOK_ENDPOINT_LIMIT_REACHED",
      "ENDPOINT_DISABLED",
      "WEBHOOK_URL_NOT_ALLOWED",
      "UNKNOWN_EVENT_TYPE",
      "TOO_MANY_EVENT_TYPES",
      "WEBHOOK_METADATA_TOO_LARGE",
      "RATE_LIMIT_OUT_OF_RANGE",
      "RECOVER_WINDOW_EXCEEDED",
    ]) {
      expect(codes).toContain(code);
    }
  });
});
