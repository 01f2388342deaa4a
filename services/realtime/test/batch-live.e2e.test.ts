import type { Publication } from "@orrery/realtime-client";
import { infra, waitFor } from "@orrery/testing";
import { afterAll, describe, expect, it } from "vitest";
import {
  EventStreamReader,
  publisher,
  RecordingClient,
  realtimeWsUrl,
  tenant,
} from "./support/platform.js";

// A real batch, submitted through the gateway and computed by batch-worker: its progress and its
// completion reach a WebSocket client and an event stream live, on the account's channel.
const ITEMS = 300;

afterAll(async () => {
  await publisher.disconnect();
});

function chartItems(count: number): string {
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      customId: `chart-${index}`,
      type: "chart",
      params: {
        datetime: `1990-06-15T${String(Math.floor(index / 60) % 24).padStart(2, "0")}:${String(index % 60).padStart(2, "0")}:00`,
        timezone: "Europe/London",
        latitude: 51.5074,
        longitude: -0.1278,
      },
    }),
  ).join("\n");
}

interface BatchEventData {
  batchId: string;
  status: string;
  totalItems: number;
  succeededItems: number;
  failedItems: number;
}

describe("a batch submitted through the gateway", () => {
  it("reports its progress and completion live over WebSocket and the event stream", async () => {
    const { key } = await tenant({ maxBatchSize: 1_000 }, [
      "realtime:connect",
      "batches:write",
      "batches:read",
    ]);
    const recording = new RecordingClient({ url: realtimeWsUrl(infra.gatewayUrl), apiKey: key });
    const stream = new EventStreamReader();
    try {
      await recording.client.connect();
      const account = await recording.subscribe("account");
      await stream.open(`${infra.gatewayUrl}/v1/events/stream?channels=account`, {
        authorization: `Bearer ${key}`,
      });
      await waitFor(() => stream.events.some((event) => event.event === "subscribed"), {
        timeoutMs: 10_000,
      });

      const created = await fetch(`${infra.gatewayUrl}/v1/batches`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/jsonl" },
        body: chartItems(ITEMS),
      });
      const batch = (await created.json()) as { id: string };
      expect(created.status, JSON.stringify(batch)).toBe(202);

      const ofBatch = (publications: readonly Publication[]) =>
        publications
          .map((publication) => publication.data)
          .filter(
            (event) =>
              event.type.startsWith("batch.") &&
              (event.data as BatchEventData).batchId === batch.id,
          );
      await waitFor(
        () => ofBatch(recording.of("account")).some((event) => event.type === "batch.completed"),
        { timeoutMs: 60_000, message: "batch.completed on the account channel" },
      );
      const events = ofBatch(recording.of("account"));
      const progress = events.filter((event) => event.type === "batch.progress");
      expect(progress.length).toBeGreaterThan(0);
      const first = progress[0]?.data as BatchEventData;
      expect(first.totalItems).toBe(ITEMS);
      expect(first.succeededItems + first.failedItems).toBeLessThan(ITEMS);
      expect(events.at(-1)).toMatchObject({
        type: "batch.completed",
        data: { batchId: batch.id, totalItems: ITEMS, succeededItems: ITEMS, failedItems: 0 },
      });
      // Each offset once, in order, right after the one the subscription started from.
      const offsets = recording.of("account").map((publication) => publication.offset);
      expect(offsets).toEqual(offsets.map((_, index) => account.offset + 1 + index));

      // The same events, in the same order, on the event stream.
      await waitFor(
        () =>
          stream.publications().some((event) => event.data.includes('"type":"batch.completed"')),
        { timeoutMs: 15_000, message: "batch.completed on the event stream" },
      );
      const streamed = stream
        .publications()
        .map((event) => (JSON.parse(event.data) as { data: { type: string } }).data.type);
      expect(streamed).toEqual(events.map((event) => event.type));
    } finally {
      recording.client.close();
      stream.close();
    }
  });
});
