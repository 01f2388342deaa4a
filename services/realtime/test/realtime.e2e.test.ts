import { gatewayCall, infra, waitFor } from "@orrery/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  EventStreamReader,
  publisher,
  quotaNotices,
  RecordingClient,
  realtimeWsUrl,
  tenant,
} from "./support/platform.js";

// Through the running stack: keys created through the gateway reach a realtime client live.
const clients: RecordingClient[] = [];
const streams: EventStreamReader[] = [];
afterEach(() => {
  for (const recording of clients.splice(0)) recording.client.close();
  for (const stream of streams.splice(0)) stream.close();
});
afterAll(async () => {
  await publisher.disconnect();
});

function connect(key: string, url = realtimeWsUrl(infra.realtimeUrl)): RecordingClient {
  const recording = new RecordingClient({ url, apiKey: key });
  clients.push(recording);
  return recording;
}

describe("realtime through the stack", () => {
  it("delivers key.created live on keys and account when a key is created through the gateway", async () => {
    const { accountId, key } = await tenant();
    const recording = connect(key);
    await recording.client.connect();
    const keys = await recording.subscribe("keys");
    const account = await recording.subscribe("account");
    expect(keys.recovered).toBe(false);

    const created = await gatewayCall("POST", "/v1/keys", key, {
      accountId,
      name: "second",
      scopes: ["realtime:connect"],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const [onKeys] = await waitFor(
      () => (recording.of("keys").length > 0 ? recording.of("keys") : undefined),
      { timeoutMs: 15_000, message: "key.created on keys" },
    );
    expect(onKeys?.data).toMatchObject({
      type: "key.created",
      data: { accountId, keyId: created.body.id, name: "second", scopes: ["realtime:connect"] },
    });
    expect(onKeys?.offset).toBe(keys.offset + 1);
    expect(onKeys?.epoch).toBe(keys.epoch);
    await waitFor(() => recording.of("account").length > 0, { timeoutMs: 5_000 });
    expect(recording.of("account")[0]?.offset).toBe(account.offset + 1);
  });

  it("refuses a bad key with the terminal 4401 and a key without realtime:connect with 4403", async () => {
    const bad = connect("orr_live_notakeynotakeynotakeynotakeynotak");
    await bad.client.connect();
    await waitFor(() => bad.closes.length > 0, { timeoutMs: 5_000, message: "closed" });
    expect(bad.closes[0]).toMatchObject({ code: 4401, reconnecting: false });
    expect(bad.closes[0]?.reason).toMatch(/^INVALID_API_KEY/);

    const { accountId, key } = await tenant();
    const chartsOnly = await gatewayCall("POST", "/v1/keys", key, {
      accountId,
      name: "no realtime",
      scopes: ["keys:manage"],
    });
    const refused = connect(chartsOnly.body.key as string);
    await refused.client.connect();
    await waitFor(() => refused.closes.length > 0, { timeoutMs: 5_000, message: "closed" });
    expect(refused.closes[0]).toMatchObject({ code: 4403, reconnecting: false });
  });

  it("refuses unknown channels with an error frame and keeps the connection", async () => {
    const { key } = await tenant();
    const recording = connect(key);
    await recording.client.connect();
    recording.client.subscribe("nope" as "keys", () => undefined);
    await waitFor(() => recording.errors.length > 0, { timeoutMs: 5_000 });
    expect(recording.errors[0]).toMatchObject({ code: "CHANNEL_UNKNOWN", channel: "nope" });
    const usage = await recording.subscribe("usage");
    expect(usage.channel).toBe("usage");
    expect(recording.closes).toEqual([]);
  });
});

describe("realtime on the gateway's public port", () => {
  it("mints a token at POST /v1/realtime/token that connects through the gateway's /v1/realtime", async () => {
    const { accountId, key } = await tenant();
    const minted = await gatewayCall("POST", "/v1/realtime/token", key);
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    expect(minted.body.connectionLimit).toBe(2);
    const lifetime = Date.parse(minted.body.expiresAt as string) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);

    let minting = 0;
    const recording = new RecordingClient({
      url: realtimeWsUrl(infra.gatewayUrl),
      token: async () => {
        minting += 1;
        const reply = await gatewayCall("POST", "/v1/realtime/token", key);
        return reply.body.token as string;
      },
    });
    clients.push(recording);
    await recording.client.connect();
    expect(minting).toBe(1);
    await recording.subscribe("keys");
    await gatewayCall("POST", "/v1/keys", key, {
      accountId,
      name: "via gateway",
      scopes: ["realtime:connect"],
    });
    await waitFor(() => recording.of("keys").length > 0, { timeoutMs: 15_000 });
    expect(recording.of("keys")[0]?.data.type).toBe("key.created");
  });

  it("streams events at GET /v1/events/stream through the gateway and resumes from Last-Event-ID", async () => {
    const { accountId, key } = await tenant();
    const url = `${infra.gatewayUrl}/v1/events/stream?channels=usage`;
    const first = new EventStreamReader();
    streams.push(first);
    await first.open(url, { authorization: `Bearer ${key}` });
    expect(first.status).toBe(200);
    await waitFor(() => first.events.some((event) => event.event === "subscribed"), {
      timeoutMs: 10_000,
    });
    await quotaNotices(accountId, 3);
    await waitFor(() => first.publications().length === 3, { timeoutMs: 15_000 });
    const lastId = first.publications()[2]?.id as string;
    expect(lastId).toMatch(/^[A-Za-z0-9_-]+:\d+$/);
    first.close();

    await quotaNotices(accountId, 2);
    const resumed = new EventStreamReader();
    streams.push(resumed);
    // The two notices must be in history before the stream asks for them.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await resumed.open(url, { authorization: `Bearer ${key}`, "last-event-id": lastId });
    await waitFor(() => resumed.publications().length === 2, { timeoutMs: 15_000 });
    const [epoch, offset] = lastId.split(":");
    expect(resumed.publications().map((event) => event.id)).toEqual([
      `${epoch}:${Number(offset) + 1}`,
      `${epoch}:${Number(offset) + 2}`,
    ]);
    const subscribed = resumed.events.find((event) => event.event === "subscribed");
    expect(JSON.parse(subscribed?.data ?? "{}")).toMatchObject({ recovered: true });
    const used = resumed
      .publications()
      .map(
        (event) => (JSON.parse(event.data) as { data: { data: { used: string } } }).data.data.used,
      );
    expect(used).toEqual(["1", "2"]);
  });

  it("answers an event stream without credentials with a 401 problem", async () => {
    const response = await fetch(`${infra.gatewayUrl}/v1/events/stream?channels=usage`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe("API_KEY_REQUIRED");
  });
});
