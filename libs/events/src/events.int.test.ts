import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { context, trace } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createLogger } from "@orrery/telemetry";
import { infra, waitFor } from "@orrery/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTopics } from "./admin.js";
import { type AnyOrreryEvent, encodeEvent } from "./cloudevent.js";
import { EventConsumer } from "./consumer.js";
import { RedisDeduplicator } from "./deduplicator.js";
import { createKafka } from "./kafka-client.js";
import { EventPublisher } from "./producer.js";
import { deadLetterTopic, TOPICS } from "./topics.js";

const execFileAsync = promisify(execFile);
const provider = new NodeTracerProvider();
provider.register();

const logger = createLogger({ service: "events-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "events-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/events-test", logger });
const redis = new Redis(infra.redisUrl);
const consumers: EventConsumer[] = [];

/**
 * A new group's offsets set to the end of each of the topic's partitions before it joins, so it
 * reads what is published after this call and nothing before it: orrery.usage.v1 on a stack that
 * has carried load holds a backlog that a group reading from the beginning would wade through
 * first (past a test's timeout). Starting "from latest" instead would skip what is published
 * between the join and the group's first fetch.
 */
async function startAfterExisting(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** An event-at-a-time consumer of orrery.usage.v1 in a new group, from what is published next. */
/** The headers (kcat's view) of an event once it is in the group's dead-letter topic. */
async function deadLetteredHeaders(groupId: string, eventId: string): Promise<string> {
  return waitFor(
    async () => {
      const { stdout } = await execFileAsync("kcat", [
        "-b",
        infra.kafkaBrokers.join(","),
        "-C",
        "-t",
        deadLetterTopic(groupId).topic,
        "-o",
        "beginning",
        "-e",
        "-q",
        "-f",
        "%h\n",
      ]);
      return stdout.split("\n").find((entry) => entry.includes(`ce_id=${eventId}`));
    },
    { timeoutMs: 20_000, message: `event ${eventId} in the dead-letter topic` },
  );
}

function consume(groupId: string, handler: (event: AnyOrreryEvent) => Promise<void>) {
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [TOPICS.usage],
    handler,
    logger,
    deduplicator: new RedisDeduplicator(redis, groupId),
    maxAttempts: 2,
  });
  consumers.push(consumer);
  return {
    start: async () => {
      await startAfterExisting(groupId, TOPICS.usage);
      await consumer.start();
    },
  };
}

beforeAll(async () => {
  await ensureTopics(kafka);
  await publisher.connect();
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await publisher.disconnect();
  redis.disconnect();
  await provider.shutdown();
});

describe("events over the real broker", () => {
  it("round-trips a CloudEvent with its payload, account key and trace context", async () => {
    const accountId = `acc_${randomUUID()}`;
    const received: AnyOrreryEvent[] = [];
    let consumedTraceId: string | undefined;
    await consume(`events-test-${randomUUID()}`, async (event) => {
      if (event.accountId !== accountId) return;
      consumedTraceId = trace.getActiveSpan()?.spanContext().traceId;
      received.push(event);
    }).start();

    const span = trace.getTracer("test").startSpan("request");
    const id = await context.with(trace.setSpan(context.active(), span), () =>
      publisher.publish({
        type: "orrery.usage.recorded",
        accountId,
        subject: "key_1",
        data: {
          requestId: "req_1",
          accountId,
          keyId: "key_1",
          route: "POST /v1/charts",
          status: 200,
        },
      }),
    );
    span.end();

    await waitFor(() => received.length > 0, { timeoutMs: 30_000, message: "event consumed" });
    const [event] = received;
    expect(event).toMatchObject({ id, type: "orrery.usage.recorded", accountId, subject: "key_1" });
    expect(event?.source).toBe("/orrery/events-test");
    if (event?.type === "orrery.usage.recorded") {
      expect(event.data.route).toBe("POST /v1/charts");
      expect(event.data.status).toBe(200);
    }
    expect(consumedTraceId).toBe(span.spanContext().traceId);
  });

  it("writes binary-mode headers that a neutral client (kcat) reads", async () => {
    const accountId = `acc_${randomUUID()}`;
    const id = await publisher.publish({
      type: "orrery.usage.recorded",
      accountId,
      data: { requestId: "req_kcat", accountId, route: "GET /v1/health", status: 200 },
    });
    const output = await waitFor(
      async () => {
        const { stdout } = await execFileAsync(
          "kcat",
          [
            "-b",
            infra.kafkaBrokers.join(","),
            "-C",
            "-t",
            TOPICS.usage,
            "-o",
            "-200",
            "-e",
            "-q",
            "-f",
            "%k|%h\n",
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        return stdout.split("\n").find((line) => line.includes(`ce_id=${id}`));
      },
      { timeoutMs: 20_000, message: "kcat sees the event" },
    );
    const [key, headerText] = output.split("|");
    expect(key).toBe(accountId);
    const headers = Object.fromEntries(
      (headerText ?? "").split(",").map((pair) => pair.split("=") as [string, string]),
    );
    expect(headers).toMatchObject({
      ce_specversion: "1.0",
      ce_id: id,
      ce_type: "orrery.usage.recorded",
      ce_source: "/orrery/events-test",
      "content-type": "application/protobuf",
      ce_accountid: accountId,
    });
    expect(new Date(headers.ce_time ?? "").toISOString()).toBe(headers.ce_time);
  });

  it("handles an event delivered twice only once", async () => {
    const accountId = `acc_${randomUUID()}`;
    const handled: string[] = [];
    await consume(`events-test-${randomUUID()}`, async (event) => {
      if (event.accountId === accountId) handled.push(event.id);
    }).start();
    const id = randomUUID();
    const event = { type: "orrery.usage.recorded" as const, id, accountId, data: { accountId } };
    await publisher.publish(event);
    await publisher.publish(event);
    await publisher.publish({ ...event, id: randomUUID() });
    await waitFor(() => handled.length >= 2, { timeoutMs: 30_000, message: "events handled" });
    // Give a duplicate time to show up if de-duplication were broken.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(handled.filter((handledId) => handledId === id)).toHaveLength(1);
    expect(handled).toHaveLength(2);
  });

  // A new group joins, then the poison event is retried with backoff before it is
  // dead-lettered: slow on a loaded machine, so it waits longer than the others.
  it("dead-letters an event its handler keeps rejecting and moves on", {
    timeout: 120_000,
  }, async () => {
    const accountId = `acc_${randomUUID()}`;
    const groupId = `events-test-${randomUUID()}`;
    const handled: string[] = [];
    await consume(groupId, async (event) => {
      if (event.accountId !== accountId) return;
      if (event.type === "orrery.usage.recorded" && event.data.route === "poison") {
        throw new Error("cannot handle this one");
      }
      handled.push(event.id);
    }).start();
    const poisonId = await publisher.publish({
      type: "orrery.usage.recorded",
      accountId,
      data: { accountId, route: "poison" },
    });
    const goodId = await publisher.publish({
      type: "orrery.usage.recorded",
      accountId,
      data: { accountId },
    });
    await waitFor(() => handled.includes(goodId), {
      timeoutMs: 60_000,
      message: "event after poison",
    });

    const line = await deadLetteredHeaders(groupId, poisonId);
    expect(line).toContain("dlq_error=Error: cannot handle this one");
    expect(line).toContain(`dlq_group=${groupId}`);
    expect(line).toContain(`dlq_source_topic=${TOPICS.usage}`);
    expect(handled).not.toContain(poisonId);
  });

  it("hands fetched batches to a batch handler, isolates a poison event, dead-letters an unreadable one and reports lag", {
    timeout: 120_000,
  }, async () => {
    const accountId = `acc_${randomUUID()}`;
    const groupId = `events-test-${randomUUID()}`;
    const handled: string[] = [];
    const batchSizes: number[] = [];
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [TOPICS.usage],
      logger,
      maxAttempts: 2,
      fetch: { minBytes: 16_384, maxWaitTimeInMs: 200 },
      batchHandler: async (events) => {
        const mine = events.filter((event) => event.accountId === accountId);
        if (mine.length === 0) return;
        if (
          mine.some(
            (event) => event.type === "orrery.usage.recorded" && event.data.route === "poison",
          )
        ) {
          throw new Error("cannot handle this one");
        }
        batchSizes.push(mine.length);
        handled.push(...mine.map((event) => event.id));
      },
    });
    consumers.push(consumer);
    await startAfterExisting(groupId, TOPICS.usage);
    // Published before the group starts, so they wait on one partition (one account) together.
    const ids = Array.from({ length: 300 }, () => randomUUID());
    await publisher.publishMany(
      ids.map((id, index) => ({
        type: "orrery.usage.recorded" as const,
        id,
        accountId,
        data: { accountId, route: index === 150 ? "poison" : "POST /v1/charts" },
      })),
    );
    // And one whose payload cannot be read: dead-lettered as it is read, the batch goes on.
    const unreadable = encodeEvent(
      { type: "orrery.usage.recorded", accountId, data: { accountId } },
      "/orrery/events-test",
    );
    await publisher.sendEncoded([{ ...unreadable, value: Buffer.from([0xff, 0xff, 0xff]) }]);
    await consumer.start();
    await waitFor(() => handled.length >= 299, { timeoutMs: 90_000, message: "batch handled" });
    expect(new Set(handled).size).toBe(299);
    expect(handled).not.toContain(ids[150]);
    expect(handled).not.toContain(unreadable.id);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    await waitFor(() => consumer.offsetLag === 0, { timeoutMs: 30_000, message: "lag drained" });
    const line = await deadLetteredHeaders(groupId, unreadable.id);
    expect(line).toContain(
      "dlq_error=EventDecodeError: payload is not a valid orrery.usage.recorded",
    );
    expect(line).toContain("dlq_attempts=1");
  });

  it("merges the batches of several partitions into one handler call and commits them all", {
    timeout: 120_000,
  }, async () => {
    // A topic of its own (nothing else in it), four partitions, eight accounts spread over them.
    const topic = `events-test-merge-${randomUUID()}`;
    await ensureTopics(kafka, [{ topic, partitions: 4, retentionMs: 3_600_000 }]);
    const accounts = Array.from({ length: 8 }, () => `acc_${randomUUID()}`);
    const groupId = `events-test-${randomUUID()}`;
    const calls: { accounts: Set<string>; size: number }[] = [];
    const handled: string[] = [];
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topic],
      logger,
      partitionsConsumedConcurrently: 4,
      fetch: { minBytes: 16_384, maxWaitTimeInMs: 200 },
      merge: { maxEvents: 10_000, maxWaitMs: 100 },
      batchHandler: async (events) => {
        calls.push({
          accounts: new Set(events.map((event) => event.accountId)),
          size: events.length,
        });
        handled.push(...events.map((event) => event.id));
      },
    });
    consumers.push(consumer);
    const ids = accounts.flatMap((accountId) =>
      Array.from({ length: 50 }, () => ({ id: randomUUID(), accountId })),
    );
    await publisher.sendEncoded(
      ids.map(({ id, accountId }) => ({
        ...encodeEvent(
          {
            type: "orrery.usage.recorded" as const,
            id,
            accountId,
            data: { accountId, route: "POST /v1/charts" },
          },
          "/orrery/events-test",
        ),
        topic,
      })),
    );
    await consumer.start();
    await waitFor(() => handled.length >= ids.length, { timeoutMs: 90_000, message: "handled" });
    expect(new Set(handled).size).toBe(ids.length);
    // Published before the group started: one fetch holds them all, and its batches go together.
    expect(calls.length).toBeLessThan(4);
    expect(Math.max(...calls.map((call) => call.accounts.size))).toBeGreaterThan(1);
    await waitFor(() => consumer.offsetLag === 0, { timeoutMs: 30_000, message: "lag drained" });
  });
});
