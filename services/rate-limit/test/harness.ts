import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createRedisConnection } from "@orrery/cache";
import { createPgPool, createPrismaClient, runMigrations } from "@orrery/db";
import { createKafka, decodeEvent, EventPublisher, OutboxRelay, TOPICS } from "@orrery/events";
import { defaultPolicyPath, PolicyStore } from "@orrery/policy";
import { RateLimitService as EnvoyRateLimitService } from "@orrery/proto/envoy/service/ratelimit/v3/rls";
import { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import { createRpcClient, createRpcServer } from "@orrery/rpc";
import { createLogger } from "@orrery/telemetry";
import {
  createScratchDatabase,
  infra,
  repoRoot,
  stackServiceTargets,
  waitFor,
} from "@orrery/testing";
import { AccountServiceDirectory } from "../src/adapters/account-service-directory.js";
import type { AccountDirectory } from "../src/domain/accounts.js";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { wireRateLimit } from "../src/wiring.js";

export const logger = createLogger({ service: "rate-limit-test", level: "silent" });

export interface RateLimitUnderTest {
  readonly rateLimit: ReturnType<typeof createRpcClient<typeof RateLimitService>>;
  readonly envoy: ReturnType<typeof createRpcClient<typeof EnvoyRateLimitService>>;
  readonly wiring: ReturnType<typeof wireRateLimit>;
  readonly prisma: PrismaClient;
  readonly databaseUrl: string;
  /** Resolves once the decisions' Redis connection is (again) ready. */
  redisReady(): Promise<unknown>;
  /** Publishes pending outbox rows now. */
  drainOutbox(): Promise<number>;
  close(): Promise<void>;
}

/** Where the local stack's api-key serves AccountService. */
export const apiKeyTarget = stackServiceTargets().apiKey;

/**
 * The service's wiring on a gRPC server on port 0, with its own scratch database (migrated like
 * production), the given Redis and policy file, and the stack's api-key for account look-ups.
 */
export async function startRateLimit(
  options: {
    redisUrl?: string;
    policyPath?: string;
    databaseUrl?: string;
    accountDirectory?: AccountDirectory;
  } = {},
): Promise<RateLimitUnderTest> {
  let databaseUrl = options.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (databaseUrl === undefined) {
    const database = await createScratchDatabase("rate_limit");
    await runMigrations({
      databaseUrl: database.url,
      directories: [
        `${repoRoot}services/rate-limit/db/migrations`,
        `${repoRoot}libs/events/migrations`,
      ],
      stdio: "pipe",
    });
    databaseUrl = database.url;
    dropDatabase = () => database.drop();
  }
  const prisma = createPrismaClient(PrismaClient, {
    url: databaseUrl,
    poolSize: 4,
    applicationName: "rate-limit-test",
  });
  const redis = createRedisConnection(options.redisUrl ?? infra.rateLimitRedisUrl, {
    connectionName: "rate-limit-test",
    commandTimeoutMs: 100,
    autoPipelining: true,
  });
  const policies = new PolicyStore({ path: options.policyPath ?? defaultPolicyPath });
  const accountService = new AccountServiceDirectory({ target: apiKeyTarget, timeoutMs: 2_000 });
  const wiring = wireRateLimit({
    logger,
    policies,
    redis,
    prisma,
    accountDirectory: options.accountDirectory ?? accountService,
    accountCacheTtlMs: 60_000,
    envoyDomain: "orrery",
  });
  const server = createRpcServer({
    logger,
    host: "127.0.0.1",
    port: 0,
    maxConnectionAgeMs: 60_000,
  });
  wiring.register(server);
  const port = await server.start();
  const target = `127.0.0.1:${port}`;
  await waitFor(() => redis.status === "ready", { timeoutMs: 5_000, message: "redis ready" });
  const rateLimit = createRpcClient(RateLimitService, { target, defaultTimeoutMs: 2_000 });
  const envoy = createRpcClient(EnvoyRateLimitService, { target, defaultTimeoutMs: 2_000 });

  const pool = createPgPool({ url: databaseUrl, applicationName: "rate-limit-test-outbox" });
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "rate-limit-test", logger });
  const publisher = new EventPublisher({ kafka, source: "/orrery/rate-limit", logger });
  const relay = new OutboxRelay({ pool, publisher, logger });

  return {
    rateLimit,
    envoy,
    wiring,
    prisma,
    databaseUrl,
    redisReady: () =>
      waitFor(() => redis.status === "ready", { timeoutMs: 10_000, message: "redis ready" }),
    drainOutbox: () => relay.drainOnce(),
    async close() {
      rateLimit.close();
      envoy.close();
      accountService.close();
      await server.stop(1_000);
      await publisher.disconnect();
      await pool.end();
      redis.disconnect();
      await prisma.$disconnect();
      await dropDatabase?.();
    },
  };
}

export function uniqueAccountId(): string {
  return `acc_test_${randomBytes(6).toString("hex")}`;
}

/**
 * Every orrery.quota.threshold_crossed event for the account, read by a fresh consumer group
 * once two have arrived, plus whatever arrives in the next `settleMs` (a second copy of an event
 * would arrive right behind the first).
 */
export async function thresholdEvents(accountId: string, settleMs: number) {
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: "quota-test", logger });
  const consumer = kafka.consumer({ groupId: `rate-limit-test.quota.${randomUUID()}` });
  const seen: { threshold: number; used: bigint; id: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.quota, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = decodeEvent(message.headers, message.value);
      if (event?.type !== "orrery.quota.threshold_crossed" || event.accountId !== accountId) return;
      seen.push({ threshold: event.data.thresholdPercent, used: event.data.used, id: event.id });
    },
  });
  try {
    await waitFor(() => seen.length >= 2, { timeoutMs: 30_000, message: "two threshold events" });
    await sleep(settleMs);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
