import { randomUUID } from "node:crypto";
import { type AnyOrreryEvent, createKafka, decodeEvent, TOPICS } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import { infra, waitFor } from "@orrery/testing";
import type { Consumer, EachMessagePayload } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKey, BatchApi, chartItems, countsAddUp } from "./support/batch-api.js";

// A batch's life through the running stack: cancellation mid-run, expiry, two tenants' batches
// side by side, and the events on orrery.batch.events.v1.
let api: BatchApi;
let consumer: Consumer;
const events: AnyOrreryEvent[] = [];

function eventsOf(batchId: string) {
  return events.filter((event) => event.subject === batchId);
}

beforeAll(async () => {
  api = new BatchApi(await adminKey());
  const logger = createLogger({ service: "batches-e2e", level: "silent" });
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "batches-e2e", logger });
  consumer = kafka.consumer({ groupId: `batches-e2e-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.batchEvents, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }: EachMessagePayload) => {
      const event = decodeEvent(message.headers, message.value);
      if (event !== undefined) events.push(event);
    },
  });
});

afterAll(async () => {
  await consumer?.disconnect();
});

/** Items done so far (running batches: their counts do not add up yet). */
function completedOf(batch: Record<string, unknown>): number {
  return (batch.requestCounts as { completed: number }).completed;
}

describe("a batch's life", () => {
  it("stops within a second or two of a cancel, keeping what was computed", async () => {
    const owner = await api.tenant();
    const created = await api.submitJsonl(owner.key, chartItems(5_000));
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    await waitFor(
      async () => {
        const batch = await api.call("GET", `/v1/batches/${id}`, owner.key);
        return completedOf(batch.body) > 0;
      },
      { timeoutMs: 30_000, message: "first results" },
    );
    const cancelled = await api.call("POST", `/v1/batches/${id}/cancel`, owner.key);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(typeof cancelled.body.cancellingAt).toBe("string");
    expect(typeof cancelled.body.cancelledAt).toBe("string");
    const atCancel = countsAddUp(cancelled.body);
    expect(atCancel.completed).toBeLessThan(5_000);
    expect(atCancel.total).toBe(5_000);

    // Work in flight when the cancel came records nothing more.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const later = await api.call("GET", `/v1/batches/${id}`, owner.key);
    expect(countsAddUp(later.body)).toEqual(atCancel);
    const results = await api.lines(owner.key, id, "results");
    expect(results.lines.length).toBe(atCancel.completed);
    const errors = await api.lines(owner.key, id, "errors", "?limit=3");
    expect(errors.lines.length).toBe(3);
    expect(errors.lines[0]?.error).toMatchObject({ code: "BATCH_ITEM_CANCELLED" });
    const again = await api.call("POST", `/v1/batches/${id}/cancel`, owner.key);
    expect(again.status).toBe(200);
    expect(countsAddUp(again.body)).toEqual(atCancel);

    await waitFor(() => eventsOf(id).some((event) => event.type === "orrery.batch.cancelled"), {
      timeoutMs: 15_000,
      message: "batch.cancelled",
    });
    expect(eventsOf(id).filter((event) => event.type === "orrery.batch.cancelled")).toHaveLength(1);
  });

  it("expires the items not done within a short completion window, keeping the results so far", async () => {
    const owner = await api.tenant();
    // More items than the worker can compute before the window (2 s) plus one run of the expiry
    // job (every 5 s) have passed, on a quiet machine too: the batch must expire, not complete.
    const total = 30_000;
    // The JSONL form takes the window in the query.
    const short = await api.call(
      "POST",
      "/v1/batches?completionWindow=2s",
      owner.key,
      chartItems(total, 10_000)
        .map((item) => JSON.stringify(item))
        .join("\n"),
      { "content-type": "application/jsonl" },
    );
    expect(short.status, JSON.stringify(short.body)).toBe(202);
    expect(short.body.completionWindow).toBe("2s");
    const shortId = short.body.id as string;
    const expired = await api.until(owner.key, shortId, ["expired", "completed"], 30_000);
    expect(expired.status).toBe("expired");
    expect(typeof expired.expiredAt).toBe("string");
    const finalCounts = countsAddUp(expired);
    expect(finalCounts.completed).toBeLessThan(total);
    const errors = await api.lines(owner.key, shortId, "errors", "?limit=1");
    expect(errors.lines[0]?.error).toMatchObject({ code: "BATCH_ITEM_EXPIRED" });
    const results = await api.lines(owner.key, shortId, "results");
    expect(results.lines.length).toBe(finalCounts.completed);
    await waitFor(() => eventsOf(shortId).some((event) => event.type === "orrery.batch.expired"), {
      timeoutMs: 15_000,
      message: "batch.expired",
    });
  });

  it("finishes a 10-item batch within seconds while another tenant's big batch runs", async () => {
    const big = await api.tenant();
    const small = await api.tenant();
    const large = await api.submitJsonl(big.key, chartItems(10_000));
    expect(large.status).toBe(202);
    const largeId = large.body.id as string;
    await waitFor(
      async () => completedOf((await api.call("GET", `/v1/batches/${largeId}`, big.key)).body) > 0,
      { timeoutMs: 30_000, message: "big batch under way" },
    );
    const started = Date.now();
    const tiny = await api.submitJsonl(small.key, chartItems(10, 50_000));
    expect(tiny.status).toBe(202);
    const done = await api.until(small.key, tiny.body.id as string, ["completed"], 30_000);
    const elapsed = Date.now() - started;
    const bigNow = completedOf((await api.call("GET", `/v1/batches/${largeId}`, big.key)).body);
    await api.call("POST", `/v1/batches/${largeId}/cancel`, big.key);
    expect(countsAddUp(done)).toEqual({ total: 10, completed: 10, failed: 0 });
    expect(bigNow, "the big batch was still running").toBeLessThan(10_000);
    expect(elapsed).toBeLessThan(3_000);
  });

  it("announces progress at most once a second, monotonic, and completion exactly once", async () => {
    const owner = await api.tenant();
    const created = await api.submitJsonl(owner.key, chartItems(3_000, 70_000));
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await api.until(owner.key, id, ["completed"], 60_000);
    await waitFor(() => eventsOf(id).some((event) => event.type === "orrery.batch.completed"), {
      timeoutMs: 15_000,
      message: "batch.completed",
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const mine = eventsOf(id);
    expect(mine.filter((event) => event.type === "orrery.batch.completed")).toHaveLength(1);
    const progress = mine.filter((event) => event.type === "orrery.batch.progress");
    expect(progress.length).toBeGreaterThan(0);
    let last = -1;
    let lastTime = 0;
    for (const event of progress) {
      const data = event.data as { succeededItems: number; failedItems: number };
      const done = data.succeededItems + data.failedItems;
      expect(done).toBeGreaterThanOrEqual(last);
      last = done;
      if (lastTime !== 0) expect(event.time.getTime() - lastTime).toBeGreaterThanOrEqual(900);
      lastTime = event.time.getTime();
    }
    const completed = mine.find((event) => event.type === "orrery.batch.completed");
    expect(completed?.data).toMatchObject({
      batchId: id,
      status: "completed",
      totalItems: 3_000,
      succeededItems: 3_000,
      percent: 100,
    });
  });
});
