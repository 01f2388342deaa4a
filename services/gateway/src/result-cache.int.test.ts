import { randomUUID } from "node:crypto";
import { AstrologyService } from "@orrery/astro-service";
import { PopularityCounter, TwoLevelCache, WarmingCoordinator } from "@orrery/cache";
import { type ServiceProcess, stackAdminKey, startServiceProcess, waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postJson,
  startTestGateway,
  type TestGateway,
  uniqueChartInput,
  useGatewayOnPrivateRedis,
} from "./app.test-support.js";

describe("result cache through the API", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it("computes a chart once for concurrent requests of the same new input", async () => {
    const input = uniqueChartInput();
    const before = gateway.cache.stats().misses;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(`${gateway.baseUrl}/v1/charts`, input)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(gateway.cache.stats().misses - before).toBe(1);
    const statuses = responses.map((response) => response.headers.get("cache-status"));
    expect(statuses.filter((status) => status?.includes("fwd=miss"))).toHaveLength(1);
  });

  it("sends cached results compressed as the client accepts, and plain to one that accepts nothing", async () => {
    const input = uniqueChartInput();
    const plain = await postJson(`${gateway.baseUrl}/v1/charts`, input, {
      "accept-encoding": "identity",
    });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const text = await plain.text();
    for (const encoding of ["br", "gzip"]) {
      const response = await postJson(`${gateway.baseUrl}/v1/charts`, input, {
        "accept-encoding": encoding,
      });
      expect(response.headers.get("content-encoding")).toBe(encoding);
      expect(response.headers.get("vary")).toContain("Accept-Encoding");
      expect(await response.text()).toBe(text); // fetch decodes
    }
    const refused = await postJson(`${gateway.baseUrl}/v1/charts`, input, {
      "accept-encoding": "br;q=0, gzip",
    });
    expect(refused.headers.get("content-encoding")).toBe("gzip");
  });

  it("keys by the normalized input: the same chart asked differently is a hit", async () => {
    const input = uniqueChartInput();
    await postJson(`${gateway.baseUrl}/v1/charts`, input);
    const spelledOut = await postJson(`${gateway.baseUrl}/v1/charts`, {
      ...input,
      houseSystem: "placidus",
      zodiac: "tropical",
      aspectTypes: ["opposition", "trine", "square", "sextile", "conjunction"],
    });
    expect(spelledOut.headers.get("cache-status")).toBe("orrery-gateway; hit");
  });

  it("warms the most requested charts into a replica that never saw them", async () => {
    const name = `orrery:test:${randomUUID()}`;
    const popularity = new PopularityCounter(gateway.redis, { name, maxTracked: 100 });
    const seen = new AstrologyService(gateway.cache, popularity, process.versions.tz ?? "");
    const popular = uniqueChartInput();
    for (let index = 0; index < 3; index += 1) await seen.chartJson(popular);
    await seen.chartJson(uniqueChartInput());
    await popularity.flush();

    const freshCache = new TwoLevelCache({
      name,
      redis: gateway.redis,
      redisUrl: "redis://127.0.0.1:1", // no bus needed here; nothing else uses this name
      l1MaxBytes: 1_000_000,
      ttlMs: 60_000,
      ttlJitter: 0,
      graceMs: 1_000,
      l2CircuitBreakerMs: 500,
    });
    const fresh = new AstrologyService(freshCache, popularity, process.versions.tz ?? "");
    const run = await new WarmingCoordinator(gateway.redis, {
      name,
      lockTtlMs: 5_000,
      minIntervalMs: 0,
    }).run(
      () => popularity.top(1),
      (entry) => fresh.warmChart(entry.id, entry.payload),
    );
    expect(run).toMatchObject({ outcome: "warmed", items: 1 });
    expect(freshCache.stats().misses).toBe(1);
    expect((await fresh.chartJson(popular)).cacheHit).toBe(true);
    expect(freshCache.stats().l1Hits).toBe(1);
    await freshCache.close();
  });
});

describe("Redis outage", () => {
  const isolated = useGatewayOnPrivateRedis();

  it("never fails a request: cached charts come from L1, new ones are computed", async () => {
    const { gateway, redis } = isolated();
    const cached = uniqueChartInput();
    const first = await postJson(`${gateway.baseUrl}/v1/charts`, cached);
    expect(first.status).toBe(200);

    await redis.stop();
    const again = await postJson(`${gateway.baseUrl}/v1/charts`, cached);
    expect(again.status).toBe(200);
    expect(again.headers.get("cache-status")).toBe("orrery-gateway; hit");
    for (let index = 0; index < 5; index += 1) {
      const fresh = await postJson(`${gateway.baseUrl}/v1/readings`, { input: uniqueChartInput() });
      expect(fresh.status).toBe(200);
    }
  });
});

describe("two gateway processes", () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = { authorization: `Bearer ${await stackAdminKey()}` };
    [a, b] = await Promise.all([startServiceProcess("gateway"), startServiceProcess("gateway")]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("drops an invalidated chart from the other replica's L1 within a second", async () => {
    const input = uniqueChartInput();
    const first = await postJson(`${a.url}/v1/charts`, input, auth);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(first.headers.get("cache-status")).toContain("miss");
    expect((await postJson(`${b.url}/v1/charts`, input, auth)).headers.get("cache-status")).toBe(
      "orrery-gateway; hit",
    );

    const invalidated = await postJson(`${a.url}/v1/cache/invalidations`, { input }, auth);
    expect(await invalidated.json()).toEqual({ invalidated: "chart" });
    const started = Date.now();
    await waitFor(
      async () =>
        (await postJson(`${b.url}/v1/charts`, input, auth)).headers
          .get("cache-status")
          ?.includes("miss"),
      { timeoutMs: 1_000, intervalMs: 25, message: "replica b recomputes the invalidated chart" },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("exports cache metrics: hits per level, misses, hit ratio, L1 bytes, compute time", async () => {
    const input = uniqueChartInput();
    await postJson(`${b.url}/v1/charts`, input, auth);
    await postJson(`${b.url}/v1/charts`, input, auth);
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^cache_hits_total\{cache="orrery:gateway:results",level="l2"\} \d+/m);
    expect(metrics).toMatch(/^cache_hits_total\{cache="orrery:gateway:results",level="l1"\} \d+/m);
    expect(metrics).toMatch(/^cache_misses_total\{cache="orrery:gateway:results"\} [1-9]/m);
    expect(metrics).toMatch(/^cache_hit_ratio\{cache="orrery:gateway:results"\} 0?\.?\d+/m);
    expect(metrics).toMatch(/^cache_l1_bytes\{cache="orrery:gateway:results"\} [1-9]\d*/m);
    expect(metrics).toMatch(
      /^cache_compute_duration_seconds_count\{cache="orrery:gateway:results"\} [1-9]/m,
    );
  });
});
