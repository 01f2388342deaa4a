import { fromBinary } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { createKafka, EventPublisher } from "@orrery/events";
import {
  WebhookAttemptCompletedSchema,
  WebhookAttemptOutcome,
  WebhookFailureReason,
} from "@orrery/proto/events/v1/webhooks";
import { EndpointKind, MessageStatus } from "@orrery/proto/webhook/v1/webhook";
import { createLogger } from "@orrery/telemetry";
import { infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DispatcherProcess,
  startDispatcher,
  webhookDatabase,
} from "./support/dispatcher-process.js";
import { Receiver } from "./support/receiver.js";

// A dispatcher process as the stack runs it (real Postgres, Kafka, HTTP receivers on
// loopback), with a compressed retry schedule: 0, 1 s, 2 s, then given up.
const SCHEDULE_MS = [0, 1_000, 2_000];
const logger = createLogger({ service: "webhook-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "webhook-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/webhook-test", logger });
let database: ScratchDatabase;
let dispatcher: DispatcherProcess;
const receivers: Receiver[] = [];
let accountSeq = 0;

function account(): string {
  accountSeq += 1;
  return `acc_semantics${Date.now().toString(36)}${accountSeq}`;
}

async function receiver(): Promise<Receiver> {
  const started = await new Receiver().start();
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  database = await webhookDatabase("webhook_semantics");
  dispatcher = await startDispatcher(database, {
    WEBHOOK_RETRY_SCHEDULE: SCHEDULE_MS.join(","),
    WEBHOOK_TIMEOUT_MS: "1000",
    WEBHOOK_POLL_INTERVAL_MS: "200",
    WEBHOOK_ROTATION_GRACE_MS: "600000",
  });
});

afterAll(async () => {
  await publisher.disconnect();
  await dispatcher?.stop();
  for (const started of receivers) await started.stop();
  await database?.drop();
});

async function createEndpoint(
  accountId: string,
  url: string,
  extra: { eventTypes?: string[]; kind?: EndpointKind } = {},
) {
  const created = await dispatcher.client.createEndpoint({
    accountId,
    url,
    kind: extra.kind ?? EndpointKind.STANDARD,
    maxEndpoints: 10,
    eventTypes: extra.eventTypes ?? [],
  });
  if (created.endpoint === undefined) throw new Error("no endpoint");
  return { endpoint: created.endpoint, secret: created.signingSecret };
}

function verify(secret: string, request: { headers: Record<string, unknown>; body: Buffer }) {
  return new Webhook(secret).verify(request.body.toString("utf8"), {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });
}

describe("signatures", () => {
  it("signs a test event so the standardwebhooks library verifies it", async () => {
    const hooks = await receiver();
    const accountId = account();
    const { endpoint, secret } = await createEndpoint(accountId, hooks.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const sent = await dispatcher.client.sendTestEvent({ accountId, endpointId: endpoint.id });
    await waitFor(() => hooks.requests.length >= 1, { timeoutMs: 10_000, message: "test event" });
    const request = hooks.requests[0]!;
    expect(request.headers["webhook-id"]).toBe(sent.message?.id);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toMatch(/^Orrery-Webhooks\/\d+\.\d+\.\d+$/);
    const payload = verify(secret, request) as { type: string; data: { endpointId: string } };
    expect(payload.type).toBe("webhook.test");
    expect(payload.data.endpointId).toBe(endpoint.id);
    expect(() => verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request)).toThrow();
  });
});

async function testMessage(accountId: string, endpointId: string): Promise<string> {
  const sent = await dispatcher.client.sendTestEvent({ accountId, endpointId });
  if (sent.message === undefined) throw new Error("no message");
  return sent.message.id;
}

/** A receiver answering with `respond`, an endpoint of a new account on it, a test message sent. */
async function testMessageTo(respond: Receiver["respond"]) {
  const hooks = await receiver();
  hooks.respond = respond;
  const accountId = account();
  const { endpoint, secret } = await createEndpoint(accountId, hooks.url);
  const messageId = await testMessage(accountId, endpoint.id);
  return { hooks, accountId, endpoint, secret, messageId };
}

async function messageWithStatus(accountId: string, messageId: string, status: MessageStatus) {
  return waitFor(
    async () => {
      const { message } = await dispatcher.client.getMessage({ accountId, messageId });
      return message?.status === status ? message : undefined;
    },
    {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: `message ${messageId} ${MessageStatus[status]}`,
    },
  );
}

async function attemptsOf(accountId: string, messageId: string) {
  const { attempts } = await dispatcher.client.listAttempts({ accountId, messageId });
  return [...attempts].reverse();
}

describe("retries", () => {
  it("retries on the schedule with the same webhook-id and a fresh, verifiable timestamp each time", async () => {
    const { hooks, accountId, secret, messageId } = await testMessageTo((_request, index) =>
      index < 2 ? { status: 500, body: `down ${index}` } : { status: 204 },
    );
    const message = await messageWithStatus(accountId, messageId, MessageStatus.SUCCEEDED);

    expect(hooks.requests).toHaveLength(3);
    expect(hooks.requests.map((request) => request.headers["webhook-id"])).toEqual([
      messageId,
      messageId,
      messageId,
    ]);
    for (const request of hooks.requests) verify(secret, request);
    const bodies = new Set(hooks.requests.map((request) => request.body.toString("base64")));
    expect(bodies.size).toBe(1);
    const timestamps = hooks.requests.map((request) =>
      Number(request.headers["webhook-timestamp"]),
    );
    expect(timestamps[2]! - timestamps[0]!).toBeGreaterThanOrEqual(2);
    // Each wait is the schedule's, less at most the 20 % jitter.
    const gaps = [1, 2].map(
      (index) => hooks.requests[index]!.receivedAt - hooks.requests[index - 1]!.receivedAt,
    );
    expect(gaps[0]).toBeGreaterThanOrEqual(SCHEDULE_MS[1]! * 0.8);
    expect(gaps[1]).toBeGreaterThanOrEqual(SCHEDULE_MS[2]! * 0.8);

    expect(message.attempts).toBe(3);
    const attempts = await attemptsOf(accountId, messageId);
    expect(
      attempts.map((attempt) => [attempt.number, attempt.responseStatus, attempt.succeeded]),
    ).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 204, true],
    ]);
    expect(Buffer.from(attempts[0]!.responseBody).toString()).toBe("down 0");
    expect(attempts[0]!.error).toBe("HTTP 500");
  });

  it("gives a message up once the schedule is spent", async () => {
    const { hooks, accountId, messageId } = await testMessageTo(() => ({ status: 500 }));
    const message = await messageWithStatus(accountId, messageId, MessageStatus.FAILED);
    expect(message.attempts).toBe(SCHEDULE_MS.length);
    expect(message.nextAttemptAt).toBeUndefined();
    expect(hooks.withId(messageId)).toHaveLength(SCHEDULE_MS.length);
  });

  it("treats a redirect as a failure and never follows it", async () => {
    const elsewhere = await receiver();
    const { accountId, messageId } = await testMessageTo(() => ({
      status: 302,
      headers: { location: elsewhere.url },
    }));
    await messageWithStatus(accountId, messageId, MessageStatus.FAILED);
    expect(elsewhere.requests).toHaveLength(0);
    const attempts = await attemptsOf(accountId, messageId);
    expect(attempts[0]).toMatchObject({ responseStatus: 302, succeeded: false });
    expect(attempts[0]!.error).toContain("redirects are not followed");
  });

  it("disables the endpoint at once when it answers 410 Gone", async () => {
    const { accountId, endpoint, messageId } = await testMessageTo(() => ({ status: 410 }));
    const message = await messageWithStatus(accountId, messageId, MessageStatus.FAILED);
    expect(message.attempts).toBe(1);
    const { endpoint: after } = await dispatcher.client.getEndpoint({
      accountId,
      endpointId: endpoint.id,
    });
    expect(after).toMatchObject({ disabled: true, disabledReason: "gone" });
    await expect(testMessage(accountId, endpoint.id)).rejects.toMatchObject({
      code: "ENDPOINT_DISABLED",
    });
  });

  it("waits as long as a 429's Retry-After asks rather than the schedule", async () => {
    const { hooks, accountId, messageId } = await testMessageTo((_request, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "3" } } : { status: 200 },
    );
    await messageWithStatus(accountId, messageId, MessageStatus.SUCCEEDED);
    const [first, second] = hooks.requests;
    // The schedule alone would have come back after ~1 s.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(3_000);
  });

  it("fails an attempt that outlasts the timeout and tries again", async () => {
    const { accountId, messageId } = await testMessageTo((_request, index) =>
      index === 0 ? { status: 200, delayMs: 3_000 } : { status: 200 },
    );
    await messageWithStatus(accountId, messageId, MessageStatus.SUCCEEDED);
    const attempts = await attemptsOf(accountId, messageId);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({
      responseStatus: 0,
      succeeded: false,
      error: "timed out after 1000 ms",
    });
    expect(attempts[1]).toMatchObject({ responseStatus: 200, succeeded: true });
  });

  it("keeps the first 4 KiB of a response body", async () => {
    const { accountId, messageId } = await testMessageTo(() => ({
      status: 200,
      body: "x".repeat(10_000),
    }));
    await messageWithStatus(accountId, messageId, MessageStatus.SUCCEEDED);
    const [attempt] = await attemptsOf(accountId, messageId);
    expect(Buffer.from(attempt!.responseBody)).toEqual(Buffer.from("x".repeat(4_096)));
  });
});

/** The attempt_completed events the dispatcher's outbox holds for a message, oldest first. */
async function attemptEvents(messageId: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ payload: Buffer; topic: string; partition_key: string }>(
      `SELECT payload, topic, partition_key FROM outbox_events
       WHERE type = 'orrery.webhook.attempt_completed' AND headers->>'ce_subject' = $1
       ORDER BY seq`,
      [messageId],
    );
    return rows.map((row) => ({
      topic: row.topic,
      key: row.partition_key,
      data: fromBinary(WebhookAttemptCompletedSchema, row.payload),
    }));
  } finally {
    await client.end();
  }
}

describe("attempt events", () => {
  it("announces every attempt exactly once, with its outcome, failure class, status and duration", async () => {
    const { accountId, endpoint, messageId } = await testMessageTo((_request, index) => {
      if (index === 0) return { status: 503, body: "busy" };
      if (index === 1) return { status: 200, delayMs: 3_000 };
      return { status: 202, delayMs: 50 };
    });
    await messageWithStatus(accountId, messageId, MessageStatus.SUCCEEDED);
    const attempts = await attemptsOf(accountId, messageId);
    expect(attempts).toHaveLength(3);

    const events = await waitFor(
      async () => {
        const found = await attemptEvents(messageId);
        return found.length >= 3 ? found : undefined;
      },
      { timeoutMs: 10_000, message: "three attempt events" },
    );
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(event.topic).toBe("orrery.webhooks.attempts.v1");
      expect(event.key).toBe(accountId);
    }
    expect(
      events.map(({ data }) => [
        data.attempt,
        data.outcome,
        data.failureReason,
        data.responseStatus,
      ]),
    ).toEqual([
      [1, WebhookAttemptOutcome.FAILED, WebhookFailureReason.HTTP_STATUS, 503],
      [2, WebhookAttemptOutcome.FAILED, WebhookFailureReason.TIMEOUT, 0],
      [3, WebhookAttemptOutcome.SUCCEEDED, WebhookFailureReason.UNSPECIFIED, 202],
    ]);
    for (const [index, { data }] of events.entries()) {
      expect(data).toMatchObject({
        accountId,
        endpointId: endpoint.id,
        messageId,
        eventType: "webhook.test",
        durationMs: attempts[index]!.latencyMs,
      });
      expect(timestampDate(data.startedAt!)).toEqual(timestampDate(attempts[index]!.startedAt!));
    }
    expect(events[1]!.data.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(events[2]!.data.durationMs).toBeGreaterThanOrEqual(50);
  });

  it("classes a refused connection apart from an HTTP failure", async () => {
    const hooks = await receiver();
    const url = hooks.url;
    await hooks.stop();
    const accountId = account();
    const { endpoint } = await createEndpoint(accountId, url);
    const messageId = await testMessage(accountId, endpoint.id);
    const events = await waitFor(
      async () => {
        const found = await attemptEvents(messageId);
        return found.length >= 1 ? found : undefined;
      },
      { timeoutMs: 10_000, message: "an attempt event" },
    );
    expect(events[0]!.data).toMatchObject({
      attempt: 1,
      outcome: WebhookAttemptOutcome.FAILED,
      failureReason: WebhookFailureReason.CONNECTION,
      responseStatus: 0,
    });
  });
});

describe("secret rotation", () => {
  it("signs with both secrets during the window, and each one verifies", async () => {
    const hooks = await receiver();
    const accountId = account();
    const { endpoint, secret: before } = await createEndpoint(accountId, hooks.url);
    const rotated = await dispatcher.client.rotateEndpointSecret({
      accountId,
      endpointId: endpoint.id,
    });
    const after = rotated.signingSecret;
    expect(after).not.toBe(before);
    expect(rotated.endpoint?.previousSecretExpiresAt).toBeDefined();
    const windowEnd = timestampDate(rotated.endpoint!.previousSecretExpiresAt!).getTime();
    expect(windowEnd).toBeGreaterThan(Date.now() + 9 * 60_000);

    await testMessage(accountId, endpoint.id);
    await waitFor(() => hooks.requests.length >= 1, { timeoutMs: 10_000, message: "delivery" });
    const request = hooks.requests[0]!;
    const signatures = String(request.headers["webhook-signature"]).split(" ");
    expect(signatures).toHaveLength(2);
    expect(signatures.every((signature) => signature.startsWith("v1,"))).toBe(true);
    expect(verify(after, request)).toMatchObject({ type: "webhook.test" });
    expect(verify(before, request)).toMatchObject({ type: "webhook.test" });
  });
});

describe("presets", () => {
  it("posts Slack's and Discord's message formats", async () => {
    const slack = await receiver();
    const discord = await receiver();
    const accountId = account();
    const slackEndpoint = await createEndpoint(accountId, slack.url, { kind: EndpointKind.SLACK });
    const discordEndpoint = await createEndpoint(accountId, discord.url, {
      kind: EndpointKind.DISCORD,
    });
    await testMessage(accountId, slackEndpoint.endpoint.id);
    await testMessage(accountId, discordEndpoint.endpoint.id);
    await waitFor(() => slack.requests.length >= 1 && discord.requests.length >= 1, {
      timeoutMs: 10_000,
      message: "chat deliveries",
    });
    expect(JSON.parse(slack.requests[0]!.body.toString())).toEqual({
      text: "[Orrery] This is a test event from Orrery.",
    });
    expect(JSON.parse(discord.requests[0]!.body.toString())).toEqual({
      content: "[Orrery] This is a test event from Orrery.",
    });
    verify(slackEndpoint.secret, slack.requests[0]!);
  });
});

describe("fan-out of account events", () => {
  it("delivers to the account's matching endpoints only, and another account sees none of it", async () => {
    const all = await receiver();
    const revokedOnly = await receiver();
    const otherTenant = await receiver();
    const accountId = account();
    const otherAccountId = account();
    const allEndpoint = await createEndpoint(accountId, all.url);
    await createEndpoint(accountId, revokedOnly.url, { eventTypes: ["key.revoked"] });
    const otherEndpoint = await createEndpoint(otherAccountId, otherTenant.url);

    const eventId = await publisher.publish({
      type: "orrery.key.created",
      accountId,
      data: { accountId, keyId: "key_fanout1", name: "ci", scopes: ["charts:read"] },
    });
    await waitFor(() => all.requests.length >= 1, { timeoutMs: 30_000, message: "key.created" });
    const payload = verify(allEndpoint.secret, all.requests[0]!);
    expect(payload).toMatchObject({
      type: "key.created",
      data: { accountId, keyId: "key_fanout1", name: "ci", scopes: ["charts:read"] },
    });

    const { messages } = await dispatcher.client.listMessages({ accountId });
    expect(
      messages.map((message) => [message.endpointId, message.eventId, message.eventType]),
    ).toEqual([[allEndpoint.endpoint.id, eventId, "key.created"]]);
    expect(revokedOnly.requests).toHaveLength(0);
    expect(otherTenant.requests).toHaveLength(0);

    // Another account's ids answer NOT_FOUND, whatever the call.
    const messageId = messages[0]!.id;
    const notFound = { code: expect.stringMatching(/_NOT_FOUND$/) };
    await expect(
      dispatcher.client.getEndpoint({
        accountId: otherAccountId,
        endpointId: allEndpoint.endpoint.id,
      }),
    ).rejects.toMatchObject(notFound);
    await expect(
      dispatcher.client.getMessage({ accountId: otherAccountId, messageId }),
    ).rejects.toMatchObject(notFound);
    await expect(
      dispatcher.client.listAttempts({ accountId: otherAccountId, messageId }),
    ).rejects.toMatchObject(notFound);
    await expect(
      dispatcher.client.retryMessage({ accountId: otherAccountId, messageId }),
    ).rejects.toMatchObject(notFound);
    await expect(
      dispatcher.client.deleteEndpoint({
        accountId: otherAccountId,
        endpointId: allEndpoint.endpoint.id,
      }),
    ).rejects.toMatchObject(notFound);
    const otherList = await dispatcher.client.listMessages({ accountId: otherAccountId });
    expect(otherList.messages).toHaveLength(0);
    const filtered = await dispatcher.client.listMessages({
      accountId: otherAccountId,
      endpointId: allEndpoint.endpoint.id,
    });
    expect(filtered.messages).toHaveLength(0);
    expect(otherEndpoint.endpoint.accountId).toBe(otherAccountId);
  });

  it("delivers an event once however often Kafka hands it over", async () => {
    const hooks = await receiver();
    const accountId = account();
    await createEndpoint(accountId, hooks.url);
    const event = {
      type: "orrery.key.revoked" as const,
      accountId,
      id: `0b9d7a8e-5f0c-4d1e-9a57-${Date.now().toString(16).padStart(12, "0").slice(-12)}`,
      data: { accountId, keyId: "key_twice" },
    };
    await publisher.publish(event);
    await publisher.publish(event);
    await waitFor(() => hooks.requests.length >= 1, { timeoutMs: 30_000, message: "key.revoked" });
    const { messages } = await dispatcher.client.listMessages({ accountId });
    expect(messages).toHaveLength(1);
  });
});

describe("limits", () => {
  it("refuses an endpoint past the plan's limit with its own code", async () => {
    const hooks = await receiver();
    const accountId = account();
    for (let index = 0; index < 2; index += 1) {
      await dispatcher.client.createEndpoint({ accountId, url: hooks.url, maxEndpoints: 2 });
    }
    const refused = await dispatcher.client
      .createEndpoint({ accountId, url: hooks.url, maxEndpoints: 2 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: "WEBHOOK_ENDPOINT_LIMIT_REACHED",
      metadata: { limit: "2" },
    });
  });

  it("names each refused field", async () => {
    const hooks = await receiver();
    const accountId = account();
    const metadata = Object.fromEntries(
      Array.from({ length: 17 }, (_, index) => [`k${index}`, "v"]),
    );
    await expect(
      dispatcher.client.createEndpoint({ accountId, url: hooks.url, maxEndpoints: 5, metadata }),
    ).rejects.toMatchObject({ code: "WEBHOOK_METADATA_TOO_LARGE" });
    await expect(
      dispatcher.client.createEndpoint({
        accountId,
        url: hooks.url,
        maxEndpoints: 5,
        eventTypes: ["key.created", "chart.made"],
      }),
    ).rejects.toMatchObject({
      code: "UNKNOWN_EVENT_TYPE",
      violations: [expect.objectContaining({ field: "eventTypes.1" })],
    });
    await expect(
      dispatcher.client.createEndpoint({
        accountId,
        url: hooks.url,
        maxEndpoints: 5,
        rateLimitPerSecond: 0,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMIT_OUT_OF_RANGE" });
  });
});
