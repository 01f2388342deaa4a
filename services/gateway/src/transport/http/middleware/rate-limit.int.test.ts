import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createRedisConnection } from "@orrery/cache";
import { RedisLimitStore } from "@orrery/limits";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { createLogger } from "@orrery/telemetry";
import {
  freePort,
  infra,
  type PrivateRedis,
  type ServiceProcess,
  stackServiceTargets,
  startPrivateRedis,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import type { Request, Response } from "express";
import { type Item, parseList } from "structured-headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitServiceClient } from "../../../adapters/rate-limit-service-client.js";
import { RedisLimitDecider } from "../../../adapters/redis-limit-decider.js";
import { startTestGateway, type TestGateway, uniqueChartInput } from "../../../app.test-support.js";
import type { Identity } from "../../../domain/authentication.js";
import type { RateLimitDecider } from "../../../domain/rate-limit.js";
import type { MatchedRoute, RouteGuards } from "../route.js";
import { enforceRateLimits } from "./rate-limit.js";

// Authentication is another guard; here a stand-in returns the identity it would return, from
// test headers, so each test owns an account with exactly the small limits it needs. Limits are
// decided as the gateway decides them, straight against the local stack's rate-limit Redis
// ("redis"), or through the stack's rate-limit service ("service", for accounts the gateway
// cannot describe); usage always comes from the service.
const logger = createLogger({ service: "gateway-test", level: "silent" });
const STACK_RATE_LIMIT = stackServiceTargets().rateLimit;
type DecidedBy = "redis" | "service";

function testAuthentication(
  route: MatchedRoute,
  request: Request,
  _response: Response,
): Promise<Identity | undefined> {
  const accountId = request.headers["x-test-account"];
  if (route.scope === undefined || typeof accountId !== "string") return Promise.resolve(undefined);
  return Promise.resolve({
    accountId,
    keyId: "key_test",
    plan: String(request.headers["x-test-plan"] ?? "free"),
    scopes: ["charts:read", "analytics:read"],
    environment: request.headers["x-test-environment"] === "test" ? "test" : "live",
    expiresAt: undefined,
    accountOverrides: JSON.parse(String(request.headers["x-test-overrides"] ?? "{}")),
    keyOverrides: {},
    billingCycleAnchorDay: 1,
  });
}

interface Guards {
  readonly guards: RouteGuards;
  readonly checker: RateLimitDecider;
  close(): void;
}

/**
 * Guards as the gateway builds them. `timeoutMs` bounds each decision: short where a test proves
 * the fail modes of a hung or stopped dependency, generous where it counts decisions, so that a
 * slow moment on a loaded machine fails open nowhere.
 */
function guards(
  options: {
    decidedBy?: DecidedBy;
    target?: string;
    redisUrl?: string;
    policyPath?: string;
    timeoutMs?: number;
  } = {},
): Guards {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const service = new RateLimitServiceClient({
    target: options.target ?? STACK_RATE_LIMIT,
    timeoutMs,
    usageTimeoutMs: 5_000,
  });
  const policy = loadPolicyFile(options.policyPath ?? defaultPolicyPath);
  const redis =
    options.decidedBy === "service"
      ? undefined
      : createRedisConnection(options.redisUrl ?? infra.rateLimitRedisUrl, {
          connectionName: "gateway-test-rate-limit",
          commandTimeoutMs: timeoutMs,
        });
  const checker =
    redis === undefined
      ? service
      : new RedisLimitDecider({ store: new RedisLimitStore(redis), policy: () => policy, service });
  return {
    checker,
    guards: {
      authenticate: testAuthentication,
      rateLimit: enforceRateLimits({ checker, policy: () => policy, logger }),
    },
    close() {
      service.close();
      redis?.disconnect();
    },
  };
}

/** The gateway's own decision deadline, for the tests of what a hung dependency costs. */
const FAIL_FAST_MS = 250;
/** How long a request may take while a dependency is out: far below any hang, far above 250 ms. */
const OUTAGE_BOUND_MS = 4_000;

const accountId = () => `acc_gw_${randomBytes(6).toString("hex")}`;

function chart(gateway: TestGateway, account: string, overrides: object) {
  return fetch(`${gateway.baseUrl}/v1/charts`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-test-account": account,
      "x-test-overrides": JSON.stringify(overrides),
    },
    body: JSON.stringify(uniqueChartInput()),
  });
}

function usage(gateway: TestGateway, account: string, overrides: object) {
  return fetch(`${gateway.baseUrl}/v1/usage`, {
    headers: { "x-test-account": account, "x-test-overrides": JSON.stringify(overrides) },
  });
}

function policyItems(header: string | null): Record<string, unknown>[] {
  return parseList(header ?? "").map((member) => {
    const [name, parameters] = member as Item;
    return { name, ...Object.fromEntries(parameters) };
  });
}

describe.each<DecidedBy>(["redis", "service"])(
  "the rate-limit guard, decided by %s, through two gateways",
  (decidedBy) => {
    let first: TestGateway;
    let second: TestGateway;
    const checkers: Guards[] = [];

    beforeAll(async () => {
      const a = guards({ decidedBy });
      const b = guards({ decidedBy });
      checkers.push(a, b);
      first = await startTestGateway({ guards: a.guards });
      second = await startTestGateway({ guards: b.guards });
    });

    afterAll(async () => {
      for (const checker of checkers) checker.close();
      await first?.close();
      await second?.close();
    });

    it("lets exactly N of 2N concurrent requests through and charges the refused nothing", async () => {
      const account = accountId();
      const overrides = { requestsPerMinute: 10, burstPerSecond: 100 };
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          chart(index % 2 ? second : first, account, overrides),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(10);

      // GET /v1/usage is itself limited (and the minute is used up), so ask the service directly.
      const used = await checkers[0]?.checker.usage(account, {
        plan: "free",
        overrides,
        billingCycleAnchorDay: 1,
      });
      expect(used?.monthlyUsed).toBe(10);
    });

    it("sends RateLimit fields that parse as structured fields, with r never rising in a window", async () => {
      const account = accountId();
      const overrides = { requestsPerMinute: 6, burstPerSecond: 100, monthlyQuota: 1_000 };
      const remaining: number[] = [];
      for (let index = 0; index < 6; index += 1) {
        const response = await chart(index % 2 ? second : first, account, overrides);
        expect(response.status).toBe(200);
        expect(policyItems(response.headers.get("ratelimit-policy"))).toEqual([
          { name: "burst", q: 100, w: 1 },
          { name: "minute", q: 6, w: 60 },
          { name: "month", q: 1_000, w: expect.any(Number), qu: "requests" },
        ]);
        const [current] = policyItems(response.headers.get("ratelimit"));
        expect(current).toMatchObject({ name: "minute", t: expect.any(Number) });
        remaining.push(current?.r as number);
      }
      expect(remaining).toEqual([5, 4, 3, 2, 1, 0]);

      const refused = await chart(first, account, overrides);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const retryAfter = refused.headers.get("retry-after");
      expect(retryAfter).toMatch(/^\d+$/);
      const [current] = policyItems(refused.headers.get("ratelimit"));
      expect(current).toMatchObject({ name: "minute", r: 0 });
      // Retry-After is never earlier than the moment the minute has room again.
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(current?.t as number);
      const problem = (await refused.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({
        type: "https://orrery.dev/problems/rate-limited",
        status: 429,
        code: "RATE_LIMITED",
        "violated-policies": ["minute"],
      });
    });

    it("refuses with a Retry-After after which the same request succeeds", async () => {
      const account = accountId();
      const overrides = { burstPerSecond: 2 };
      expect((await chart(first, account, overrides)).status).toBe(200);
      expect((await chart(second, account, overrides)).status).toBe(200);
      const refused = await chart(first, account, overrides);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get("retry-after"));
      expect(wait).toBe(1);
      await sleep(wait * 1000);
      expect((await chart(second, account, overrides)).status).toBe(200);
    });

    it("answers GET /v1/usage for the calling account", async () => {
      const account = accountId();
      await chart(first, account, { burstPerSecond: 100 });
      const response = await usage(second, account, { burstPerSecond: 100 });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        plan: "free",
        monthly: { used: 1, quota: 10_000, remaining: 9_999 },
        limits: [
          { name: "burst", limit: 100 },
          { name: "minute", limit: 60 },
          { name: "month", limit: 10_000, remaining: 9_999 },
        ],
      });
    });
  },
);

describe("what a request is charged", () => {
  let gateway: TestGateway;
  let decided: Guards;

  beforeAll(async () => {
    decided = guards({ decidedBy: "redis" });
    gateway = await startTestGateway({ guards: decided.guards, rateLimits: decided.checker });
  });

  afterAll(async () => {
    decided?.close();
    await gateway?.close();
  });

  const account = (overrides: object) => ({ plan: "free", overrides, billingCycleAnchorDay: 1 });
  const send = (
    id: string,
    overrides: object,
    init: { body: string; headers?: Record<string, string> },
  ) =>
    fetch(`${gateway.baseUrl}/v1/charts`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-test-account": id,
        "x-test-overrides": JSON.stringify(overrides),
        ...init.headers,
      },
      body: init.body,
    });
  // A chart request no cache has seen, so that it is decided and billed.
  const sendNewChart = (id: string, overrides: object) =>
    send(id, overrides, { body: JSON.stringify(uniqueChartInput()) });

  it("bills only requests that succeed, while every request counts toward the rates", async () => {
    const id = accountId();
    const overrides = { requestsPerMinute: 6, burstPerSecond: 100, monthlyQuota: 100 };
    const refused = [
      { body: JSON.stringify({ ...uniqueChartInput(), latitude: 91 }), status: 400 },
      {
        body: JSON.stringify({ ...uniqueChartInput(), timezone: "Moon/Tranquility" }),
        status: 422,
      },
      {
        body: '{"datetime": "1990-06-15T12:30:00", "datetime": "1990-06-15T12:30:00"}',
        status: 400,
      },
      { body: "{not json", status: 400 },
    ];
    for (const request of refused) {
      expect((await send(id, overrides, request)).status).toBe(request.status);
    }
    const ok = await sendNewChart(id, overrides);
    expect(ok.status).toBe(200);
    expect((await decided.checker.usage(id, account(overrides))).monthlyUsed).toBe(1);

    // Five of the minute's six went on those requests, refused or not.
    expect((await sendNewChart(id, overrides)).status).toBe(200);
    const limited = await sendNewChart(id, overrides);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      code: "RATE_LIMITED",
      "violated-policies": ["minute"],
    });
    expect((await decided.checker.usage(id, account(overrides))).monthlyUsed).toBe(2);
  });

  it("does not bill an idempotent replay", async () => {
    const id = accountId();
    const overrides = { burstPerSecond: 100, monthlyQuota: 100 };
    const request = {
      body: JSON.stringify(uniqueChartInput()),
      headers: { "idempotency-key": `replay-${randomBytes(6).toString("hex")}` },
    };
    expect((await send(id, overrides, request)).status).toBe(200);
    const replay = await send(id, overrides, request);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await decided.checker.usage(id, account(overrides))).monthlyUsed).toBe(1);
  });

  it("refuses a used-up month as quota-exceeded, a used-up rate as rate-limited", async () => {
    const id = accountId();
    const overrides = { burstPerSecond: 100, monthlyQuota: 1 };
    expect((await sendNewChart(id, overrides)).status).toBe(200);
    const refused = await sendNewChart(id, overrides);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      type: "https://orrery.dev/problems/quota-exceeded",
      code: "QUOTA_EXCEEDED",
      "violated-policies": ["month"],
    });
  });

  it("keeps a test key's requests in the sandbox: its own limits, never the live quota", async () => {
    const id = accountId();
    const overrides = { burstPerSecond: 100, monthlyQuota: 100 };
    const sandbox = loadPolicyFile(defaultPolicyPath).document.sandbox;
    const test = { "x-test-environment": "test" };
    const response = await send(id, overrides, {
      body: JSON.stringify(uniqueChartInput()),
      headers: test,
    });
    expect(response.status).toBe(200);
    expect(policyItems(response.headers.get("ratelimit-policy"))).toEqual([
      { name: "burst", q: sandbox.burstPerSecond, w: 1 },
      { name: "minute", q: sandbox.requestsPerMinute, w: 60 },
      expect.objectContaining({ name: "month", q: sandbox.monthlyQuota, qu: "requests" }),
    ]);
    expect((await decided.checker.usage(id, account(overrides))).monthlyUsed).toBe(0);

    const report = await fetch(`${gateway.baseUrl}/v1/usage`, {
      headers: { "x-test-account": id, "x-test-overrides": JSON.stringify(overrides), ...test },
    });
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({
      environment: "test",
      billed: false,
      monthly: { used: 1, quota: sandbox.monthlyQuota },
    });
  });
});

describe("when limits cannot be decided", () => {
  let redis: PrivateRedis;
  let openRateLimit: ServiceProcess;
  let closedRateLimit: ServiceProcess;
  const closedPolicy = (() => {
    const document = JSON.parse(readFileSync(defaultPolicyPath, "utf8"));
    for (const plan of Object.values(document.plans) as { failMode: string }[]) {
      plan.failMode = "closed";
    }
    const path = join(mkdtempSync(join(tmpdir(), "policy-")), "plans.v1.json");
    writeFileSync(path, JSON.stringify(document));
    return path;
  })();

  beforeAll(async () => {
    // A private Redis, which these tests pause and kill, under the gateways' own decisions and
    // under rate-limit replicas of our own: one with the shipped policy (fail-open), one with
    // every plan fail-closed. A gateway reads the same file as its replica, as in production.
    redis = await startPrivateRedis();
    // Their own usage consumer group: the stack's usage events are the stack rate-limit's.
    const group = `rate-limit-usage.test-${randomBytes(4).toString("hex")}`;
    [openRateLimit, closedRateLimit] = await Promise.all([
      startServiceProcess("rate-limit", { REDIS_URL: redis.url, USAGE_CONSUMER_GROUP: group }),
      startServiceProcess("rate-limit", {
        REDIS_URL: redis.url,
        RATE_LIMIT_POLICY_FILE: closedPolicy,
        USAGE_CONSUMER_GROUP: group,
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([openRateLimit?.stop(), closedRateLimit?.stop()]);
    await redis?.stop();
  });

  async function gateways(decidedBy: DecidedBy) {
    const open = guards({
      decidedBy,
      target: `127.0.0.1:${openRateLimit.grpcPort}`,
      redisUrl: redis.url,
      timeoutMs: FAIL_FAST_MS,
    });
    const closed = guards({
      decidedBy,
      target: `127.0.0.1:${closedRateLimit.grpcPort}`,
      redisUrl: redis.url,
      policyPath: closedPolicy,
      timeoutMs: FAIL_FAST_MS,
    });
    const openGateway = await startTestGateway({ guards: open.guards });
    const closedGateway = await startTestGateway({ guards: closed.guards });
    return {
      open: openGateway,
      closed: closedGateway,
      async close() {
        open.close();
        closed.close();
        await openGateway.close();
        await closedGateway.close();
      },
    };
  }

  async function expectFailModes(open: TestGateway, closed: TestGateway, account: string) {
    let started = performance.now();
    const allowed = await chart(open, account, {});
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("ratelimit")).toBeNull();
    // The decision's deadline is 250 ms: an outage never holds a request for long (the bound
    // leaves room for a loaded machine; without the deadline the request would wait for Redis).
    expect(performance.now() - started).toBeLessThan(OUTAGE_BOUND_MS);

    started = performance.now();
    const refused = await chart(closed, account, {});
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMIT_UNAVAILABLE" });
    expect(performance.now() - started).toBeLessThan(OUTAGE_BOUND_MS);
  }

  it("fails open by default and closed where the policy says so, quickly, with Redis hung", async () => {
    const { open, closed, close } = await gateways("redis");
    try {
      const account = accountId();
      expect((await chart(open, account, {})).headers.get("ratelimit")).not.toBeNull();
      expect((await chart(closed, account, {})).headers.get("ratelimit")).not.toBeNull();
      redis.pause();
      try {
        await expectFailModes(open, closed, account);
      } finally {
        redis.resume();
      }
      expect((await chart(open, account, {})).headers.get("ratelimit")).not.toBeNull();
    } finally {
      await close();
    }
  });

  it.each<DecidedBy>(["redis", "service"])(
    "fails open by default and closed where the policy says so, with Redis stopped (decided by %s)",
    async (decidedBy) => {
      const { open, closed, close } = await gateways(decidedBy);
      try {
        const account = accountId();
        // Decided (after an earlier test's restart, once the connections are back).
        await waitFor(async () => (await chart(open, account, {})).headers.has("ratelimit"), {
          timeoutMs: 10_000,
          message: "a decided request",
        });
        await redis.stop();
        await expectFailModes(open, closed, account);
      } finally {
        await close();
        await redis.restart();
      }
    },
  );

  it("fails open when the rate-limit service itself is unreachable", async () => {
    const unreachable = guards({
      decidedBy: "service",
      target: `127.0.0.1:${await freePort()}`,
      timeoutMs: FAIL_FAST_MS,
    });
    const gateway = await startTestGateway({ guards: unreachable.guards });
    try {
      const started = performance.now();
      const response = await chart(gateway, accountId(), {});
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(OUTAGE_BOUND_MS);
    } finally {
      unreachable.close();
      await gateway.close();
    }
  });
});
