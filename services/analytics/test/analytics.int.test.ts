import { randomUUID } from "node:crypto";
import { migratedScratchDatabase } from "@orrery/db/testing";
import type { DomainError } from "@orrery/errors";
import { createKafka, EventPublisher, encodeEvent } from "@orrery/events";
import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { createRpcClient } from "@orrery/rpc";
import { createLogger } from "@orrery/telemetry";
import {
  infra,
  type ScratchDatabase,
  type ServiceProcess,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The analytics service as it ships (dist/main.js, its own process) on a database of this
// test's own, consuming the real orrery.usage.v1 topic in a consumer group of its own, asked
// over gRPC: what a usage event becomes, from Kafka to GetKeyUsage.
const logger = createLogger({ service: "analytics-test", level: "silent" });
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "analytics-test", logger });
const publisher = new EventPublisher({ kafka, source: "/orrery/gateway", logger });
let database: ScratchDatabase;
let analytics: ServiceProcess;
let client: ReturnType<typeof createRpcClient<typeof AnalyticsService>>;

beforeAll(async () => {
  database = await migratedScratchDatabase("analytics_service", new URL("..", import.meta.url));
  analytics = await startServiceProcess("analytics", {
    DATABASE_URL: database.url,
    USAGE_CONSUMER_GROUP: `analytics-test-${randomUUID()}`,
  });
  client = createRpcClient(AnalyticsService, {
    target: `127.0.0.1:${analytics.grpcPort}`,
    defaultTimeoutMs: 5_000,
  });
});

afterAll(async () => {
  client?.close();
  await publisher.disconnect();
  await analytics?.stop();
  await database?.drop();
});

function usageEvent(accountId: string, keyId: string, route: string, status = 200) {
  return {
    type: "orrery.usage.recorded" as const,
    accountId,
    data: {
      requestId: `req_${randomUUID()}`,
      accountId,
      keyId,
      route,
      status,
      responseBytes: 120n,
      cacheHit: status === 200,
    },
  };
}

async function requestsOf(accountId: string, keyId: string, route: string): Promise<number> {
  const { buckets } = await client.getKeyUsage({ accountId, keyId });
  return buckets
    .filter((bucket) => bucket.route === route)
    .reduce((sum, bucket) => sum + Number(bucket.requests), 0);
}

describe("analytics, from orrery.usage.v1 to GetKeyUsage", () => {
  it("counts each usage event once, per key and route, and keeps accounts apart", async () => {
    const account = `acc_${randomUUID().replaceAll("-", "")}`;
    const other = `acc_${randomUUID().replaceAll("-", "")}`;
    const key = "key_shared_id";
    const twice = encodeEvent(usageEvent(account, key, "POST /v1/charts"), publisher.source);
    await publisher.sendEncoded([twice]);
    await publisher.sendEncoded([twice]); // a redelivery: same event id
    await publisher.publishMany([
      usageEvent(account, key, "POST /v1/charts", 429),
      usageEvent(account, key, "POST /v1/readings", 500),
      usageEvent(other, key, "POST /v1/charts"),
      usageEvent(account, "", "GET /v1/health"),
    ]);

    // Events are keyed by account: the two accounts' events may sit on different partitions.
    await waitFor(
      async () =>
        (await requestsOf(account, key, "POST /v1/readings")) === 1 &&
        (await requestsOf(other, key, "POST /v1/charts")) === 1,
      { timeoutMs: 60_000, intervalMs: 250, message: "analytics counted the events" },
    );
    const { buckets } = await client.getKeyUsage({ accountId: account, keyId: key });
    const charts = buckets.find((bucket) => bucket.route === "POST /v1/charts");
    expect(charts).toMatchObject({ requests: 2n, errors: 1n, cacheHits: 1n, bytes: 240n });
    expect(buckets.find((bucket) => bucket.route === "POST /v1/readings")).toMatchObject({
      requests: 1n,
      errors: 1n,
    });
    expect(buckets.map((bucket) => bucket.route).sort()).toEqual([
      "POST /v1/charts",
      "POST /v1/readings",
    ]);
    // The same key id under another account is another key.
    const { buckets: others } = await client.getKeyUsage({ accountId: other, keyId: key });
    expect(others.map((bucket) => [bucket.route, bucket.requests])).toEqual([
      ["POST /v1/charts", 1n],
    ]);
  });

  it("reports its consumer lag per partition on /metrics", async () => {
    const lag = await waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${analytics.httpPort}/metrics`)).text();
        const lines = text.split("\n").filter((line) => line.startsWith("events_consumer_lag{"));
        return lines.length > 0 ? lines : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 500, message: "events_consumer_lag on /metrics" },
    );
    expect(lag[0]).toMatch(/topic="orrery\.usage\.v1".* \d+$/);
  });

  it("answers a bad query with INVALID_ARGUMENT naming the field", async () => {
    const error = (await client
      .getKeyUsage({ accountId: "acc_x", keyId: "key_x", fromDay: "28.11.2026" })
      .catch((caught: unknown) => caught)) as DomainError;
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", kind: "invalid_argument" });
    expect(error.violations.map((violation) => violation.field)).toEqual(["fromDay"]);
  });
});
