import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postJson,
  startTestGateway,
  type TestGateway,
  uniqueChartInput,
  useGatewayOnPrivateRedis,
} from "../../../app.test-support.js";

// Idempotency-Key on POSTs, stored in the real Redis.
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

describe("Idempotency-Key", () => {
  it("replays the stored response for the same key and body", async () => {
    const key = randomUUID();
    const input = uniqueChartInput();
    const first = await postJson(
      `${gateway.baseUrl}/v1/readings`,
      { input },
      { "idempotency-key": key },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.text();

    // Drop the cached result: a replay must come from the idempotency record, not recompute.
    await gateway.cache.clear();
    const before = gateway.cache.stats().misses;
    const again = await postJson(
      `${gateway.baseUrl}/v1/readings`,
      { input },
      { "idempotency-key": key },
    );
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    expect(gateway.cache.stats().misses).toBe(before);
    // The same body written differently (key order) is the same request.
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const third = await postJson(
      `${gateway.baseUrl}/v1/readings`,
      { input: reordered },
      { "idempotency-key": key },
    );
    expect(third.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 422 when the key comes back with a different body or route", async () => {
    const key = randomUUID();
    const first = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      "idempotency-key": key,
    });
    expect(first.status).toBe(200);
    const other = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      "idempotency-key": key,
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", status: 422 });
    const otherRoute = await postJson(`${gateway.baseUrl}/v1/charts/svg`, uniqueChartInput(), {
      "idempotency-key": key,
    });
    expect(otherRoute.status).toBe(422);
  });

  it("does the work once for concurrent duplicates; the others get the stored response", async () => {
    const key = randomUUID();
    const input = uniqueChartInput();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        postJson(`${gateway.baseUrl}/v1/charts`, input, { "idempotency-key": key }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const fresh = responses.filter(
      (response) => response.headers.get("idempotent-replayed") === null,
    );
    expect(fresh).toHaveLength(1);
    const bodies = new Set(await Promise.all(responses.map((response) => response.text())));
    expect(bodies.size).toBe(1);
  });

  it("stores a 4xx outcome too, but lets a retry run after a failure it did not store", async () => {
    const key = randomUUID();
    const bad = { ...uniqueChartInput(), timezone: "Nowhere/Land" };
    const first = await postJson(`${gateway.baseUrl}/v1/charts`, bad, { "idempotency-key": key });
    expect(first.status).toBe(422);
    const replay = await postJson(`${gateway.baseUrl}/v1/charts`, bad, { "idempotency-key": key });
    expect(replay.status).toBe(422);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("rejects a key that is not printable ASCII", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      "idempotency-key": "x".repeat(300),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "INVALID_IDEMPOTENCY_KEY",
      errors: [{ field: "header:Idempotency-Key", parameter: "Idempotency-Key" }],
    });
  });

  it("is not applied to requests without a key", async () => {
    const input = uniqueChartInput();
    const first = await postJson(`${gateway.baseUrl}/v1/charts`, input);
    const second = await postJson(`${gateway.baseUrl}/v1/charts`, input);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(await second.text()).toBe(await first.text());
  });
});

describe("Idempotency-Key while Redis is down", () => {
  const isolated = useGatewayOnPrivateRedis();

  it("answers 503 IDEMPOTENCY_UNAVAILABLE with Retry-After, and serves requests without a key", async () => {
    const { gateway, redis } = isolated();
    await redis.stop();
    const keyed = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      "idempotency-key": randomUUID(),
    });
    expect(keyed.status).toBe(503);
    expect(keyed.headers.get("retry-after")).toBe("1");
    expect(await keyed.json()).toMatchObject({ code: "IDEMPOTENCY_UNAVAILABLE" });
    const plain = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput());
    expect(plain.status).toBe(200);
  });
});
