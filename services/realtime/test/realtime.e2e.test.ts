import { infra, waitFor } from "@orrery/testing";
import { afterEach, describe, expect, it } from "vitest";
import { gatewayCall, RecordingClient, realtimeWsUrl, tenant } from "./support/platform.js";

// Through the running stack: keys created through the gateway reach a realtime client live.
const clients: RecordingClient[] = [];
afterEach(() => {
  for (const recording of clients.splice(0)) recording.client.close();
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
