import { randomUUID } from "node:crypto";
import { infra, type ServiceProcess, startServiceProcess, waitFor } from "@orrery/testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  publisher,
  quotaNotices,
  RecordingClient,
  realtimeWsUrl,
  tenant,
  untilConsuming,
} from "./support/platform.js";

// History and recovery across two realtime processes: the stack's, and a second one started
// here with the stack's environment; both share Redis, each consumes every event itself.
let second: ServiceProcess;
const redis = new Redis(infra.redisUrl);
const clients: RecordingClient[] = [];
const firstUrl = realtimeWsUrl(infra.realtimeUrl);
let secondUrl: string;

beforeAll(async () => {
  second = await startServiceProcess("realtime");
  secondUrl = realtimeWsUrl(second.url);
  await Promise.all([untilConsuming(infra.realtimeUrl), untilConsuming(second.url)]);
});

afterAll(async () => {
  await second?.stop();
  redis.disconnect();
  await publisher.disconnect();
});

afterEach(() => {
  for (const recording of clients.splice(0)) recording.client.close();
});

async function connected(url: string, key: string): Promise<RecordingClient> {
  const recording = new RecordingClient({ url, apiKey: key });
  clients.push(recording);
  await recording.client.connect();
  return recording;
}

describe("history and recovery across pods", () => {
  it("gives a publication the same offset on both pods", async () => {
    const { accountId, key } = await tenant();
    const onFirst = await connected(firstUrl, key);
    const onSecond = await connected(secondUrl, key);
    await onFirst.subscribe("usage");
    await onSecond.subscribe("usage");
    await quotaNotices(accountId, 5);
    await waitFor(() => onFirst.of("usage").length === 5 && onSecond.of("usage").length === 5, {
      timeoutMs: 15_000,
      message: "5 notices on both pods",
    });
    const describe = (recording: RecordingClient) =>
      recording.of("usage").map((p) => [p.data.id, p.offset, p.epoch]);
    expect(describe(onSecond)).toEqual(describe(onFirst));
  });

  it("recovers exactly the 100 publications missed, in order, on another pod", async () => {
    const { accountId, key } = await tenant();
    const before = await connected(firstUrl, key);
    const position = await before.subscribe("usage");
    before.client.close();

    // The missed events: history holds them once either pod appended them.
    const watcher = await connected(secondUrl, key);
    await watcher.subscribe("account");
    await quotaNotices(accountId, 100);
    await waitFor(() => watcher.of("account").length === 100, {
      timeoutMs: 20_000,
      message: "100 notices published",
    });

    const after = await connected(secondUrl, key);
    const resumed = await after.subscribe("usage", position);
    expect(resumed).toMatchObject({ recovered: true, epoch: position.epoch });
    await waitFor(() => after.of("usage").length >= 100, { timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const got = after.of("usage");
    expect(got.map((p) => p.offset)).toEqual(
      Array.from({ length: 100 }, (_, index) => position.offset + 1 + index),
    );
    expect(got.map((p) => (p.data.data as { used: string }).used)).toEqual(
      Array.from({ length: 100 }, (_, index) => String(index + 1)),
    );
    expect(new Set(got.map((p) => p.data.id)).size).toBe(100);
  });

  it("answers recovered: false when the gap is beyond history (1000 per channel)", async () => {
    const { accountId, key } = await tenant();
    const before = await connected(firstUrl, key);
    const position = await before.subscribe("usage");
    before.client.close();
    await quotaNotices(accountId, 1_005);
    const after = await connected(secondUrl, key);
    await waitFor(
      async () => {
        const top = await redis.hget(`rt:{${accountId}}:position:usage`, "top");
        return Number(top) >= position.offset + 1_005;
      },
      { timeoutMs: 30_000, message: "1005 notices appended" },
    );
    const resumed = await after.subscribe("usage", position);
    expect(resumed).toMatchObject({ recovered: false, offset: position.offset + 1_005 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(after.of("usage")).toEqual([]);
  });

  it("answers recovered: false when the epoch changed (the channel's history was lost)", async () => {
    const { accountId, key } = await tenant();
    const before = await connected(firstUrl, key);
    const position = await before.subscribe("usage");
    before.client.close();
    // What a Redis flush does to this account's channels.
    const keys = await redis.keys(`rt:{${accountId}}:*`);
    await redis.del(...keys);
    await quotaNotices(accountId, 3);
    const after = await connected(secondUrl, key);
    const live = await after.subscribe("account");
    await waitFor(() => after.of("account").length === 3 || live.offset >= 3, {
      timeoutMs: 15_000,
    });
    const resumed = await after.subscribe("usage", position);
    expect(resumed.recovered).toBe(false);
    expect(resumed.epoch).not.toBe(position.epoch);
    expect(resumed.offset).toBe(3);
    expect(after.of("usage")).toEqual([]);
  });

  it("refuses another tenant's batch channel with an error frame, and keeps the connection", async () => {
    const owner = await tenant();
    const other = await tenant();
    const batchId = `bat_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const ownerClient = await connected(firstUrl, owner.key);
    await ownerClient.subscribe("account");
    await publisher.publish({
      type: "orrery.batch.progress",
      accountId: owner.accountId,
      data: { accountId: owner.accountId, batchId, status: "running", totalItems: 10 },
    });
    await waitFor(() => ownerClient.of("account").length === 1, { timeoutMs: 15_000 });

    const intruder = await connected(secondUrl, other.key);
    intruder.client.subscribe(`batch:${batchId}`, () => undefined);
    await waitFor(() => intruder.errors.length > 0, { timeoutMs: 5_000 });
    expect(intruder.errors[0]).toMatchObject({
      code: "CHANNEL_FORBIDDEN",
      channel: `batch:${batchId}`,
    });
    expect((await intruder.subscribe("usage")).channel).toBe("usage");

    const own = await ownerClient.subscribe(`batch:${batchId}`, { offset: 0, epoch: "" });
    expect(own.offset).toBe(1);
  });
});
