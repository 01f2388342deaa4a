import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { MessageStatus } from "@orrery/proto/webhook/v1/webhook";
import { type ScratchDatabase, waitFor } from "@orrery/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DispatcherProcess,
  startDispatcher,
  webhookDatabase,
} from "./support/dispatcher-process.js";
import { Receiver } from "./support/receiver.js";

// Auto-disable compressed: an endpoint failing without a success for 4 s is disabled; retries
// every 300 ms, so the third failed attempt (which sends the failing report) comes well inside
// that window however slow the machine is.
let database: ScratchDatabase;
let dispatcher: DispatcherProcess;
const receivers: Receiver[] = [];

beforeAll(async () => {
  database = await webhookDatabase("webhook_health");
  dispatcher = await startDispatcher(database, {
    WEBHOOK_RETRY_SCHEDULE:
      "0,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms",
    WEBHOOK_RETRY_JITTER: "0",
    WEBHOOK_DISABLE_AFTER_MS: "4000",
    WEBHOOK_FAILING_AFTER_ATTEMPTS: "3",
    WEBHOOK_POLL_INTERVAL_MS: "100",
  });
});

afterAll(async () => {
  await dispatcher?.stop();
  for (const receiver of receivers) await receiver.stop();
  await database?.drop();
});

async function receiver(): Promise<Receiver> {
  const started = await new Receiver().start();
  receivers.push(started);
  return started;
}

describe("endpoint health", () => {
  it("disables an endpoint failing for too long, tells the account's other endpoints, and recovers after enable", async () => {
    const broken = await receiver();
    const watcher = await receiver();
    let healthy = false;
    broken.respond = () => (healthy ? { status: 200 } : { status: 500 });
    const accountId = `acc_health${Date.now().toString(36)}`;
    const { endpoint } = await dispatcher.client.createEndpoint({
      accountId,
      url: broken.url,
      maxEndpoints: 5,
    });
    const watcherEndpoint = await dispatcher.client.createEndpoint({
      accountId,
      url: watcher.url,
      maxEndpoints: 5,
      eventTypes: ["webhook.endpoint.disabled", "webhook.message.failing"],
    });
    const brokenId = endpoint!.id;
    const { message } = await dispatcher.client.sendTestEvent({ accountId, endpointId: brokenId });

    const disabled = await waitFor(
      async () => {
        const current = await dispatcher.client.getEndpoint({ accountId, endpointId: brokenId });
        return current.endpoint?.disabled ? current.endpoint : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: "auto-disable" },
    );
    expect(disabled.disabledReason).toBe("failing");
    expect(disabled.failingSince).toBeDefined();
    const failed = await dispatcher.client.getMessage({ accountId, messageId: message!.id });
    expect(failed.message?.status).toBe(MessageStatus.FAILED);
    const attemptsWhenDisabled = broken.requests.length;
    expect(attemptsWhenDisabled).toBeGreaterThanOrEqual(3);

    // Both operational events reach the other endpoint (through the outbox and Kafka), never
    // the endpoint they are about.
    await waitFor(() => watcher.requests.length >= 2, {
      timeoutMs: 30_000,
      message: "operational events",
    });
    const webhook = new Webhook(watcherEndpoint.signingSecret);
    const events = watcher.requests.map((request) =>
      webhook.verify(request.body.toString(), {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      }),
    ) as { type: string; data: Record<string, unknown> }[];
    expect(events.map((event) => event.type).sort()).toEqual([
      "webhook.endpoint.disabled",
      "webhook.message.failing",
    ]);
    expect(events.find((event) => event.type === "webhook.endpoint.disabled")?.data).toEqual({
      accountId,
      endpointId: brokenId,
      reason: "failing",
    });
    expect(events.find((event) => event.type === "webhook.message.failing")?.data).toMatchObject({
      endpointId: brokenId,
      messageId: message!.id,
      attempt: 3,
      responseStatus: 500,
    });
    expect(broken.requests.every((request) => request.headers["webhook-id"] === message!.id)).toBe(
      true,
    );

    // Disabled: nothing is sent, recover is refused until enabled.
    await expect(
      dispatcher.client.recoverEndpoint({
        accountId,
        endpointId: brokenId,
        since: timestampFromDate(new Date(Date.now() - 60_000)),
      }),
    ).rejects.toMatchObject({ code: "ENDPOINT_DISABLED" });
    expect(broken.requests.length).toBe(attemptsWhenDisabled);

    healthy = true;
    const enabled = await dispatcher.client.enableEndpoint({ accountId, endpointId: brokenId });
    expect(enabled.endpoint).toMatchObject({ disabled: false, disabledReason: "" });
    expect(enabled.endpoint?.failingSince).toBeUndefined();
    const recovered = await dispatcher.client.recoverEndpoint({
      accountId,
      endpointId: brokenId,
      since: timestampFromDate(new Date(Date.now() - 60_000)),
    });
    expect(recovered.messagesQueued).toBe(1);
    await waitFor(
      async () => {
        const current = await dispatcher.client.getMessage({ accountId, messageId: message!.id });
        return current.message?.status === MessageStatus.SUCCEEDED;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: "recovered delivery" },
    );
    expect(broken.requests.at(-1)?.headers["webhook-id"]).toBe(message!.id);
  });

  it("resets the failing clock on any success", async () => {
    const flaky = await receiver();
    // Fails twice in three: never 4 s without a success.
    flaky.respond = (_request, index) => (index % 3 === 2 ? { status: 200 } : { status: 500 });
    const accountId = `acc_flaky${Date.now().toString(36)}`;
    const { endpoint } = await dispatcher.client.createEndpoint({
      accountId,
      url: flaky.url,
      maxEndpoints: 5,
    });
    for (let index = 0; index < 4; index += 1) {
      await dispatcher.client.sendTestEvent({ accountId, endpointId: endpoint!.id });
      await waitFor(() => flaky.requests.length >= (index + 1) * 3, {
        timeoutMs: 10_000,
        message: `round ${index}`,
      });
    }
    const current = await dispatcher.client.getEndpoint({ accountId, endpointId: endpoint!.id });
    expect(current.endpoint?.disabled).toBe(false);
  });

  it("refuses to recover further back than 14 days", async () => {
    const hooks = await receiver();
    const accountId = `acc_window${Date.now().toString(36)}`;
    const { endpoint } = await dispatcher.client.createEndpoint({
      accountId,
      url: hooks.url,
      maxEndpoints: 5,
    });
    await expect(
      dispatcher.client.recoverEndpoint({
        accountId,
        endpointId: endpoint!.id,
        since: timestampFromDate(new Date(Date.now() - 15 * 24 * 3_600_000)),
      }),
    ).rejects.toMatchObject({ code: "RECOVER_WINDOW_EXCEEDED" });
  });
});
