import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createLogger } from "@orrery/telemetry";
import { infra, waitFor } from "@orrery/testing";
import { Redis } from "ioredis";
import { Kafka } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { BufferedPublisher } from "./buffered-publisher.js";
import { encodeEvent, type NewEvent } from "./cloudevent.js";
import { EventConsumer } from "./consumer.js";
import { RedisDeduplicator } from "./deduplicator.js";
import { RedisEventJournal } from "./event-journal.js";
import { createKafka } from "./kafka-client.js";
import { EventPublisher } from "./producer.js";
import { TOPICS } from "./topics.js";

const logger = createLogger({
  service: "journal-test",
  level: process.env.JOURNAL_TEST_LOG ?? "silent",
});
const redis = new Redis(infra.redisUrl);
const source = "/orrery/journal-test";
const live = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "journal-test", logger }),
  source,
  logger,
});
// A broker that is not there: nothing listens on port 1, and short retries, so a send fails fast.
const unreachable = new EventPublisher({
  kafka: new Kafka({
    clientId: "journal-test-down",
    brokers: ["127.0.0.1:1"],
    connectionTimeout: 200,
    retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
    logLevel: 0,
  }),
  source,
  logger,
});
const consumers: EventConsumer[] = [];

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await live.disconnect();
  await unreachable.disconnect().catch(() => undefined);
  redis.disconnect();
});

function journal(key: string, consumer: string, maxEvents = 1_000_000, claimTimeoutMs = 60_000) {
  return new RedisEventJournal({ redis, key, consumer, maxEvents, claimTimeoutMs });
}

function usage(accountId: string, index: number): NewEvent<"orrery.usage.recorded"> {
  return {
    type: "orrery.usage.recorded",
    accountId,
    data: { requestId: `req_${index}`, accountId, route: "POST /v1/charts", status: 200 },
  };
}

describe("the event journal in Redis", () => {
  it("gives back journaled batches byte for byte, oldest first, and forgets acknowledged ones", async () => {
    const key = `{journal-test:${randomUUID()}}`;
    const events = Array.from({ length: 7 }, (_, index) =>
      encodeEvent(usage("acc_journal", index), source),
    );
    const store = journal(key, "a");
    expect(await store.append(events.slice(0, 4))).toBe(true);
    expect(await store.append(events.slice(4))).toBe(true);
    expect(await store.size()).toBe(7);

    const batches = await store.take(10);
    expect(batches.flatMap((batch) => batch.events)).toEqual(events);
    await store.acknowledge(batches);
    // Acknowledged twice (a batch taken over from a slow replica): counted down once.
    await store.acknowledge(batches);
    expect(await store.size()).toBe(0);
    expect(await store.take(10)).toEqual([]);
  });

  it("refuses a batch that would pass its bound, and takes it once there is room", async () => {
    const key = `{journal-test:${randomUUID()}}`;
    const store = journal(key, "a", 5);
    const events = (count: number) =>
      Array.from({ length: count }, (_, index) => encodeEvent(usage("acc_bound", index), source));
    expect(await store.append(events(4))).toBe(true);
    expect(await store.append(events(2))).toBe(false);
    expect(await store.size()).toBe(4);
    await store.acknowledge(await store.take(1));
    expect(await store.append(events(2))).toBe(true);
    expect(await store.size()).toBe(2);
  });

  it("hands a batch a replica took but never acknowledged to another after the claim timeout", async () => {
    const key = `{journal-test:${randomUUID()}}`;
    const first = journal(key, "replica-1", 1_000, 300);
    const second = journal(key, "replica-2", 1_000, 300);
    await first.append([encodeEvent(usage("acc_claim", 1), source)]);
    expect(await first.take(5)).toHaveLength(1);
    // replica-1 dies here. Until its claim times out nobody else replays the batch.
    expect(await second.take(5)).toEqual([]);
    await sleep(400);
    const taken = await second.take(5);
    expect(taken).toHaveLength(1);
    await second.acknowledge(taken);
    expect(await second.size()).toBe(0);
  });
});

describe("a buffered publisher with a journal", () => {
  it("journals what memory cannot hold while Kafka is down, and a later process replays it all", async () => {
    const key = `{journal-test:${randomUUID()}}`;
    const accountId = `acc_${randomUUID()}`;
    const total = 1_250;

    // Kafka is down: a publisher holding 100 events in memory takes 1,250 without dropping any.
    const down = new BufferedPublisher({
      publisher: unreachable,
      logger,
      maxBuffered: 100,
      flushIntervalMs: 50,
      maxBatch: 100,
      journal: journal(key, "down"),
    });
    down.start();
    const written = journal(key, "written");
    for (let index = 0; index < total; index += 1) {
      down.enqueue(usage(accountId, index));
      // Requests arrive over time, a spill written while the next ones come in, at a pace the
      // journal keeps up with however busy the machine: never more than the buffer, a failed
      // send's batch back in it and the next few requests waiting to be written.
      if (index % 10 === 9) {
        await waitFor(async () => (await written.size()) >= index + 1 - 200, {
          timeoutMs: 10_000,
          intervalMs: 2,
          message: "the journal keeping up",
        });
      }
    }
    // At shutdown, what is still in memory goes to the journal as well.
    await down.stop();
    expect(await journal(key, "check").size()).toBe(total);

    const received = new Set<string>();
    const consumer = new EventConsumer({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "journal-test-read", logger }),
      groupId: `journal-test-${randomUUID()}`,
      topics: [TOPICS.usage],
      handler: async (event) => {
        if (event.accountId === accountId && event.type === "orrery.usage.recorded") {
          received.add(event.data.requestId);
        }
      },
      logger,
      deduplicator: new RedisDeduplicator(redis, `journal-test-${randomUUID()}`),
      maxAttempts: 2,
    });
    consumers.push(consumer);
    await consumer.start();

    // Kafka is back (another replica, or this one restarted): the journal is replayed.
    const back = new BufferedPublisher({
      publisher: live,
      logger,
      maxBuffered: 100,
      flushIntervalMs: 50,
      maxBatch: 100,
      // Whatever the stopped publisher had taken is handed on after a second.
      journal: journal(key, "back", 1_000_000, 1_000),
    });
    back.start();
    back.enqueue(usage(accountId, total));
    await waitFor(() => received.size === total + 1, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: "every journaled event and the new one reached Kafka",
    });
    await back.stop();
    expect(await journal(key, "check").size()).toBe(0);
    expect([...received].sort()).toEqual(
      Array.from({ length: total + 1 }, (_, index) => `req_${index}`).sort(),
    );
  });
});
