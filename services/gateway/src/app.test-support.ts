import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AstrologyService } from "@orrery/astro-service";
import { createRedisConnection, PopularityCounter, TwoLevelCache } from "@orrery/cache";
import { Lifecycle } from "@orrery/lifecycle";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { createLogger } from "@orrery/telemetry";
import { infra, type PrivateRedis, stackServiceTargets, startPrivateRedis } from "@orrery/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { RateLimitServiceClient } from "./adapters/rate-limit-service-client.js";
import { redisIdempotencyStore } from "./adapters/redis-idempotency-store.js";
import { declaredRoutes as declaredRoutesOf } from "./api-document.js";
import { type AppDependencies, createApp } from "./app.js";
import type { IdempotencyPolicy } from "./domain/idempotency.js";
import type { RateLimitDecider } from "./domain/rate-limit.js";
import { createHttpServer } from "./transport/http/http-server.js";
import type { RouteDefinition } from "./transport/http/route.js";

const shippedPolicy = loadPolicyFile(defaultPolicyPath);

export interface TestGateway {
  readonly baseUrl: string;
  readonly cache: TwoLevelCache;
  readonly redis: Redis;
  readonly dependencies: AppDependencies;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  readonly redisUrl?: string;
  readonly maxBodyBytes?: number;
  readonly maxHeaderBytes?: number;
  readonly maxHeaders?: number;
  readonly corsAllowedOrigins?: readonly string[];
  readonly idempotency?: Partial<IdempotencyPolicy>;
  readonly guards?: AppDependencies["guards"];
  /** The rate-limit service; the local stack's unless given. */
  readonly rateLimits?: RateLimitDecider;
  readonly downstream?: AppDependencies["downstream"];
  /** Cache name (keys and bus channel); a fresh one per gateway unless shared on purpose. */
  readonly cacheName?: string;
  /** Where usage events go; none are emitted unless given. */
  readonly usageEvents?: AppDependencies["usageEvents"];
}

/**
 * The gateway app as main.ts builds it, against real Redis, on a free port, in this process.
 * Each gateway gets its own cache namespace unless `cacheName` is shared.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const redisUrl = options.redisUrl ?? infra.redisUrl;
  const logger = createLogger({ service: "gateway-test", level: "silent" });
  const redis = createRedisConnection(redisUrl, {
    connectionName: "gateway-test",
    commandTimeoutMs: 250,
  });
  if (redis.status !== "ready") await once(redis, "ready");
  const cacheName = options.cacheName ?? `orrery:test:${randomUUID()}`;
  const cache = new TwoLevelCache({
    name: cacheName,
    redis,
    redisUrl,
    l1MaxBytes: 16 * 1024 * 1024,
    ttlMs: 60_000,
    ttlJitter: 0.1,
    graceMs: 60_000,
    l2CircuitBreakerMs: 500,
  });
  const astrology = new AstrologyService(
    cache,
    new PopularityCounter(redis, { name: cacheName, maxTracked: 100 }),
    process.versions.tz ?? "",
  );
  const stackRateLimits = new RateLimitServiceClient({
    target: stackServiceTargets().rateLimit,
    timeoutMs: 500,
    usageTimeoutMs: 5_000,
  });
  const dependencies: AppDependencies = {
    logger,
    lifecycle: new Lifecycle({ logger, shutdownTimeoutMs: 1_000 }),
    version: "test",
    downstream: options.downstream ?? [],
    metricsHandler: (_request, response) => response.end(),
    astrology,
    guards: options.guards ?? {},
    // The stack's rate-limit service (GET /v1/usage asks it), unless a test brings its own.
    rateLimits: options.rateLimits ?? stackRateLimits,
    ...(options.usageEvents === undefined ? {} : { usageEvents: options.usageEvents }),
    idempotency: {
      store: redisIdempotencyStore(redis),
      policy: {
        retentionMs: 60_000,
        pendingTtlMs: 10_000,
        waitMs: 5_000,
        pollMs: 10,
        ...options.idempotency,
      },
    },
    policy: () => shippedPolicy,
    http: {
      maxBodyBytes: options.maxBodyBytes ?? 65_536,
      maxHeaders: options.maxHeaders ?? 100,
      corsAllowedOrigins: options.corsAllowedOrigins ?? [],
    },
  };
  const server: Server = createHttpServer(createApp(dependencies), {
    maxHeaderBytes: options.maxHeaderBytes ?? 16_384,
    maxHeaders: options.maxHeaders ?? 100,
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cache,
    redis,
    dependencies,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cache.close();
      stackRateLimits.close();
      redis.disconnect();
    },
  };
}

/** A test gateway on a Redis of its own, which a test may stop. */
export interface IsolatedGateway {
  readonly gateway: TestGateway;
  readonly redis: PrivateRedis;
}

/**
 * Starts a test gateway on a private Redis before the suite's tests and stops both after them;
 * the returned function gives them to a test.
 */
export function useGatewayOnPrivateRedis(): () => IsolatedGateway {
  let isolated: IsolatedGateway | undefined;
  beforeAll(async () => {
    const redis = await startPrivateRedis();
    try {
      isolated = { gateway: await startTestGateway({ redisUrl: redis.url }), redis };
    } catch (error) {
      await redis.stop();
      throw error;
    }
  });
  afterAll(async () => {
    await isolated?.gateway.close();
    await isolated?.redis.stop();
  });
  return () => {
    if (isolated === undefined) throw new Error("the isolated gateway did not start");
    return isolated;
  };
}

/** A birth moment nobody else asks for, so that its chart is computed fresh in this test. */
export function uniqueChartInput(): {
  datetime: string;
  timezone: string;
  latitude: number;
  longitude: number;
} {
  const minutes = Math.floor(Math.random() * 60 * 24 * 365 * 50);
  const moment = new Date(Date.UTC(1950, 0, 1) + minutes * 60_000).toISOString().slice(0, 19);
  return {
    datetime: moment,
    timezone: "Europe/Berlin",
    latitude: Math.round((Math.random() * 100 - 50) * 1e4) / 1e4,
    longitude: Math.round((Math.random() * 300 - 150) * 1e4) / 1e4,
  };
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Every route declaration as the app mounts it, for tests that read declarations only. */
export function declaredRoutes(): RouteDefinition[] {
  return declaredRoutesOf(shippedPolicy, "test");
}
