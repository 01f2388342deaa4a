import { setTimeout as sleep } from "node:timers/promises";
import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { DomainError } from "@orrery/errors";
import { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import { createLogger } from "@orrery/telemetry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRpcClient } from "./client.js";
import { checkHealth, createHealthClient } from "./health-client.js";
import { type CallContext, createRpcServer, type ServiceImplementation } from "./server.js";

// A real server on an OS-chosen port and a real client over loopback: the adapter is tested
// through grpc-js itself, not a mock of it.
const spans = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
provider.register();

const logger = createLogger({ service: "rpc-test", level: "silent" });
const seen: { traceId?: string; deadline?: Date; aborted?: boolean; header?: string } = {};
const server = createRpcServer({ logger, host: "127.0.0.1", port: 0, maxConnectionAgeMs: 60_000 });
server.register(RateLimitService, {
  async check(request, call: CallContext) {
    seen.traceId = trace.getActiveSpan()?.spanContext().traceId;
    seen.deadline = call.deadline;
    seen.header = call.header("x-request-id");
    if (request.accountId === "slow") {
      await sleep(500, undefined, { signal: call.signal }).catch(() => undefined);
      seen.aborted = call.signal.aborted;
      return { allowed: false };
    }
    if (request.accountId === "missing") {
      throw new DomainError("ACCOUNT_NOT_FOUND", "no such account", {
        violations: [{ field: "accountId", code: "UNKNOWN", message: "unknown account" }],
        metadata: { retryAfterSeconds: "3" },
      });
    }
    if (request.accountId === "bug") throw new Error("database password is hunter2");
    return { allowed: true, limits: [{ name: "minute", limit: 60n, remaining: 59n }] };
  },
  async checkBatch() {
    return { results: [] };
  },
  async getUsage() {
    return { monthlyUsed: 1n };
  },
});
let target = "";
let client: ReturnType<typeof createRpcClient<typeof RateLimitService>>;

beforeAll(async () => {
  const port = await server.start();
  target = `dns:///127.0.0.1:${port}`;
  client = createRpcClient(RateLimitService, { target, defaultTimeoutMs: 2_000 });
});

afterAll(async () => {
  client.close();
  await server.stop(1_000);
  await provider.shutdown();
});

describe("rpc adapter", () => {
  it("round-trips typed messages", async () => {
    const response = await client.check({ accountId: "acc_1", route: "POST /v1/charts", cost: 1 });
    expect(response.allowed).toBe(true);
    expect(response.limits[0]).toMatchObject({ name: "minute", limit: 60n, remaining: 59n });
  });

  it("sends a deadline on every call and request headers", async () => {
    const before = Date.now();
    await client.check({ accountId: "acc_1" }, { headers: { "x-request-id": "req-42" } });
    expect(seen.deadline).toBeInstanceOf(Date);
    expect(seen.deadline!.getTime()).toBeGreaterThan(before);
    expect(seen.deadline!.getTime()).toBeLessThanOrEqual(before + 2_100);
    expect(seen.header).toBe("req-42");
  });

  it("propagates the caller's trace to the server", async () => {
    const tracer = trace.getTracer("test");
    const parent = tracer.startSpan("incoming http request");
    await context.with(trace.setSpan(context.active(), parent), () =>
      client.check({ accountId: "acc_1" }),
    );
    parent.end();
    expect(seen.traceId).toBe(parent.spanContext().traceId);
    const names = spans.getFinishedSpans().map((span) => span.name);
    expect(names).toContain("orrery.ratelimit.v1.RateLimitService/Check");
  });

  it("turns a domain error into a status the client rebuilds exactly", async () => {
    const error = await client.check({ accountId: "missing" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: "not_found",
      code: "ACCOUNT_NOT_FOUND",
      message: "no such account",
      violations: [{ field: "accountId", code: "UNKNOWN", message: "unknown account" }],
      metadata: { retryAfterSeconds: "3" },
    });
  });

  it("hides the details of unexpected failures", async () => {
    const error = (await client
      .check({ accountId: "bug" })
      .catch((caught: unknown) => caught)) as DomainError;
    expect(error.kind).toBe("internal");
    expect(error.message).not.toContain("hunter2");
  });

  it("fails a call that outlives its deadline and aborts the server's work", async () => {
    const error = (await client
      .check({ accountId: "slow" }, { timeoutMs: 100 })
      .catch((caught: unknown) => caught)) as DomainError;
    expect(error.code).toBe("UPSTREAM_DEADLINE_EXCEEDED");
    expect(error.kind).toBe("deadline_exceeded");
    await sleep(50);
    expect(seen.aborted).toBe(true);
  });

  it("answers grpc.health.v1 for the server and each service", async () => {
    const health = createHealthClient(target);
    expect((await checkHealth(health, { timeoutMs: 1_000 })).status).toBe("serving");
    expect(
      (
        await checkHealth(health, {
          service: "orrery.ratelimit.v1.RateLimitService",
          timeoutMs: 1_000,
        })
      ).status,
    ).toBe("serving");
    server.setServing(false);
    expect((await checkHealth(health, { timeoutMs: 1_000 })).status).toBe("not_serving");
    server.setServing(true);
    health.close();
  });

  it("refuses a partial implementation, so health never names a service it half serves", () => {
    const partial = createRpcServer({
      logger,
      host: "127.0.0.1",
      port: 0,
      maxConnectionAgeMs: 60_000,
    });
    expect(() =>
      partial.register(RateLimitService, {
        getUsage: async () => ({ monthlyUsed: 5n }),
      } as unknown as ServiceImplementation<typeof RateLimitService>),
    ).toThrow("orrery.ratelimit.v1.RateLimitService is not implemented in full: Check is missing");
  });

  it("answers UNIMPLEMENTED for a service it does not register, and health does not know it", async () => {
    const bare = createRpcServer({
      logger,
      host: "127.0.0.1",
      port: 0,
      maxConnectionAgeMs: 60_000,
    });
    const port = await bare.start();
    const bareClient = createRpcClient(RateLimitService, {
      target: `127.0.0.1:${port}`,
      defaultTimeoutMs: 1_000,
    });
    const health = createHealthClient(`127.0.0.1:${port}`);
    const error = (await bareClient.check({}).catch((caught: unknown) => caught)) as DomainError;
    expect(error.code).toBe("UPSTREAM_UNIMPLEMENTED");
    expect((await checkHealth(health, { timeoutMs: 1_000 })).status).toBe("serving");
    expect(
      (await checkHealth(health, { service: RateLimitService.typeName, timeoutMs: 1_000 })).status,
    ).toBe("unknown");
    health.close();
    bareClient.close();
    await bare.stop(500);
  });

  it("spreads calls over every address of the target (round_robin)", async () => {
    const hits = [0, 0];
    const servers = [0, 1].map((index) => {
      const replica = createRpcServer({
        logger,
        host: "127.0.0.1",
        port: 0,
        maxConnectionAgeMs: 60_000,
      });
      replica.register(RateLimitService, {
        check: async () => {
          hits[index] = (hits[index] ?? 0) + 1;
          return { allowed: true };
        },
        checkBatch: async () => ({ results: [] }),
        getUsage: async () => ({}),
      });
      return replica;
    });
    const ports = await Promise.all(servers.map((replica) => replica.start()));
    const balanced = createRpcClient(RateLimitService, {
      target: `ipv4:127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}`,
      defaultTimeoutMs: 1_000,
    });
    for (let call = 0; call < 20; call += 1) await balanced.check({});
    expect(hits[0]).toBeGreaterThanOrEqual(5);
    expect(hits[1]).toBeGreaterThanOrEqual(5);
    balanced.close();
    await Promise.all(servers.map((replica) => replica.stop(500)));
  });

  it("reports an unreachable server as a status, not an exception", async () => {
    const health = createHealthClient("127.0.0.1:1");
    const result = await checkHealth(health, { timeoutMs: 300 });
    expect(result.status).toBe("unreachable");
    health.close();
  });
});
