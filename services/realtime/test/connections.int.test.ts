import { mintRealtimeToken } from "@orrery/key-contract";
import {
  infra,
  type ServiceProcess,
  stackEnvironment,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  publisher,
  RecordingClient,
  realtimeWsUrl,
  tenant,
  untilConsuming,
} from "./support/platform.js";

// Connection behaviour on a second realtime process with a small send buffer (and a third with
// short heartbeats), so a test can reach them, next to the stack's realtime for the cross-pod
// limit.
let pod: ServiceProcess;
let podUrl: string;
const secret = stackEnvironment("realtime").REALTIME_TOKEN_SECRET as string;
const clients: RecordingClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  pod = await startServiceProcess("realtime", { REALTIME_MAX_BUFFERED_BYTES: "16384" });
  podUrl = realtimeWsUrl(pod.url);
  await untilConsuming(pod.url);
});

afterAll(async () => {
  await pod?.stop();
  await publisher.disconnect();
});

afterEach(() => {
  for (const recording of clients.splice(0)) recording.client.close();
  for (const socket of sockets.splice(0)) socket.terminate();
});

function recording(options: ConstructorParameters<typeof RecordingClient>[0]): RecordingClient {
  const client = new RecordingClient(options);
  clients.push(client);
  return client;
}

/** A bare socket that does only what the test makes it do (no automatic pongs). */
async function rawSocket(url: string, key: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return socket;
}

function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

function token(accountId: string, lifetimeSeconds: number, connectionLimit = 2): string {
  return mintRealtimeToken(
    {
      accountId,
      keyId: "key_test",
      scopes: ["realtime:connect"],
      connectionLimit,
      expiresAt: Math.floor(Date.now() / 1000) + lifetimeSeconds,
    },
    secret,
  );
}

describe("heartbeats", () => {
  let pinging: ServiceProcess;
  let pingingUrl: string;
  beforeAll(async () => {
    pinging = await startServiceProcess("realtime", {
      REALTIME_PING_INTERVAL_MS: "400",
      REALTIME_PONG_TIMEOUT_MS: "300",
    });
    pingingUrl = realtimeWsUrl(pinging.url);
  });
  afterAll(async () => {
    await pinging?.stop();
  });

  it("closes a connection that misses a pong with 4002, and keeps one that answers", async () => {
    const { key } = await tenant();
    const silent = await rawSocket(pingingUrl, key);
    const pings: string[] = [];
    silent.on("message", (data) => pings.push(data.toString()));
    const closed = await closeOf(silent);
    expect(pings[0]).toBe('{"type":"ping"}');
    expect(closed.code).toBe(4002);

    const answering = recording({ url: pingingUrl, apiKey: key });
    await answering.client.connect();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(answering.closes).toEqual([]);
  });

  it("closes every connection with the reconnectable 1012 when the pod gets SIGTERM", async () => {
    const { key } = await tenant();
    const client = recording({ url: pingingUrl, apiKey: key });
    await client.client.connect();
    await client.subscribe("usage");
    expect(await pinging.stop()).toBe(0);
    await waitFor(() => client.closes.length > 0, { timeoutMs: 5_000, message: "closed" });
    expect(client.closes[0]).toMatchObject({ code: 1012, reconnecting: true });
  });
});

describe("backpressure", () => {
  it("cuts a client that reads nothing and delivers every publication to the others", async () => {
    const { accountId, key } = await tenant();
    const fast = recording({ url: podUrl, apiKey: key });
    await fast.client.connect();
    await fast.subscribe("webhooks");
    const slow = await rawSocket(podUrl, key);
    slow.send(JSON.stringify({ type: "subscribe", channel: "webhooks" }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    slow.pause();
    const slowClosed = closeOf(slow);

    // 300 reports of 50 KB: 15 MB, more than the kernel's socket buffers take on loopback, so
    // the server's own unsent buffer grows past its limit for the client that reads nothing.
    const started = Date.now();
    for (let batch = 0; batch < 30; batch += 1) {
      await publisher.publishMany(
        Array.from({ length: 10 }, (_, index) => ({
          type: "orrery.webhook.attempt_failing" as const,
          accountId,
          data: {
            accountId,
            endpointId: "ep_slow",
            messageId: `msg_${batch * 10 + index}`,
            attempt: 1,
            responseStatus: 500,
            error: "x".repeat(50_000),
          },
        })),
      );
    }
    await waitFor(() => fast.of("webhooks").length === 300, {
      timeoutMs: 30_000,
      message: "300 publications on the fast client",
    });
    const elapsed = Date.now() - started;
    await waitFor(() => pod.output().includes("slow consumer cut off"), { timeoutMs: 10_000 });
    slow.resume();
    // 4000 once its close frame gets through, 1006 when the server had to drop the socket.
    expect([4000, 1006]).toContain((await slowClosed).code);
    expect(fast.closes).toEqual([]);
    expect(elapsed).toBeLessThan(30_000);
  });
});

describe("tokens", () => {
  it("closes with 4001 when a token expires unrefreshed", async () => {
    const { accountId } = await tenant();
    const socket = new WebSocket(`${podUrl}?token=${token(accountId, 2)}`);
    sockets.push(socket);
    socket.on("message", (data) => {
      if (data.toString() === '{"type":"ping"}') socket.send('{"type":"pong"}');
    });
    const closed = await closeOf(socket);
    expect(closed.code).toBe(4001);
  });

  it("stays open past expiry when the client refreshes, and refuses another account's token", async () => {
    const { accountId } = await tenant();
    const other = await tenant();
    const client = recording({
      url: podUrl,
      token: async () => token(accountId, 2),
      refreshBeforeMs: 1_200,
    });
    await client.client.connect();
    await client.subscribe("usage");
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(client.closes).toEqual([]);

    const socket = new WebSocket(`${podUrl}?token=${token(accountId, 60)}`);
    sockets.push(socket);
    await new Promise((resolve) => socket.once("open", resolve));
    const frames: string[] = [];
    socket.on("message", (data) => frames.push(data.toString()));
    socket.send(JSON.stringify({ type: "refresh", token: token(other.accountId, 60) }));
    await waitFor(() => frames.some((frame) => frame.includes("REALTIME_TOKEN_INVALID")), {
      timeoutMs: 5_000,
    });
  });
});

describe("connection limit", () => {
  it("holds the plan's limit across two pods and frees a place when a connection closes", async () => {
    const { accountId, key } = await tenant({ realtimeConnections: 2 });
    const stackUrl = realtimeWsUrl(infra.realtimeUrl);
    const first = recording({ url: stackUrl, apiKey: key });
    const second = recording({ url: podUrl, apiKey: key });
    await first.client.connect();
    await second.client.connect();
    await first.subscribe("account");

    const third = await rawSocket(stackUrl, key);
    const refused = await closeOf(third);
    expect(refused.code).toBe(1008);
    expect(refused.reason).toMatch(/^REALTIME_CONNECTION_LIMIT_REACHED/);
    const viaToken = new WebSocket(`${podUrl}?token=${token(accountId, 60)}`);
    sockets.push(viaToken);
    expect((await closeOf(viaToken)).code).toBe(1008);

    second.client.close();
    await waitFor(
      async () => {
        const attempt = await rawSocket(podUrl, key);
        const outcome = await Promise.race([
          closeOf(attempt),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 300)),
        ]);
        return outcome === undefined;
      },
      { timeoutMs: 5_000, message: "a place freed" },
    );
  });
});
