import { beforeAll, describe, expect, it } from "vitest";
import { adminKey, BatchApi, chartItem, countsAddUp, NATAL, PARTNER } from "./support/batch-api.js";

// Batches through the running stack: the gateway's /v1/batches routes, BatchService in
// batch-worker, Postgres, the outbox, orrery.batch.items.v1 and the worker pool.
let api: BatchApi;

beforeAll(async () => {
  api = new BatchApi(await adminKey());
});

describe("batches through the gateway", () => {
  it("computes a mixed JSONL upload: valid items succeed, invalid ones fail alone with the synchronous route's problem", async () => {
    const owner = await api.tenant();
    const lines = [
      chartItem(0),
      { customId: "bad-latitude", type: "chart", params: { ...NATAL, latitude: 95 } },
      "this line is not JSON",
      chartItem(1),
      {
        customId: "feb-30",
        type: "chart",
        params: { datetime: "1990-02-30T12:00:00", timezone: "UTC", latitude: 0, longitude: 0 },
      },
      "",
      chartItem(2),
      { customId: "chart-0", type: "chart", params: NATAL },
    ];
    const created = await api.submitJsonl(owner.key, lines);
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    expect(created.headers.get("location")).toBe(`/v1/batches/${id}`);
    expect(created.body.requestCounts).toMatchObject({ total: 7 });

    const done = await api.until(owner.key, id, ["completed"]);
    expect(countsAddUp(done)).toEqual({ total: 7, completed: 3, failed: 4 });
    expect(done).toMatchObject({ progressPercent: 100, completionWindow: "24h" });
    for (const field of ["createdAt", "inProgressAt", "finalizingAt", "completedAt"]) {
      expect(typeof done[field], field).toBe("string");
    }

    const results = await api.lines(owner.key, id, "results");
    expect(results.lines.map((line) => line.customId)).toEqual(["chart-0", "chart-1", "chart-2"]);
    expect(results.lines.map((line) => line.index)).toEqual([0, 3, 6]);
    const sync = await api.call("POST", "/v1/charts", owner.key, chartItem(1).params);
    expect(sync.status).toBe(200);
    const second = results.lines[1]?.result as Record<string, unknown> | undefined;
    expect(second?.bodies).toEqual(sync.body.bodies);

    const errors = await api.lines(owner.key, id, "errors");
    expect(errors.lines.map((line) => [line.index, line.customId])).toEqual([
      [1, "bad-latitude"],
      [2, ""],
      [4, "feb-30"],
      [7, "chart-0"],
    ]);
    const problems = errors.lines.map((line) => line.error as Record<string, unknown>);
    const syncLatitude = await api.call("POST", "/v1/charts", owner.key, {
      ...NATAL,
      latitude: 95,
    });
    expect(problems[0]).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      errors: (syncLatitude.body.errors as unknown[]).map((error) =>
        expect.objectContaining(error as object),
      ),
    });
    expect(problems[1]).toMatchObject({
      code: "MALFORMED_JSON",
      detail: "Line 3 is not valid JSON.",
    });
    expect(problems[2]).toMatchObject({ status: 422, code: "INVALID_DATETIME" });
    expect(problems[3]).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(JSON.stringify(problems[3])).toContain("customId");

    // Resumable: after the first result's index, the rest.
    const resumed = await api.lines(owner.key, id, "results", "?after=0");
    expect(resumed.lines.map((line) => line.customId)).toEqual(["chart-1", "chart-2"]);
    const gzipped = await api.lines(owner.key, id, "results", "", true);
    expect(gzipped.encoding).toBe("gzip");
    expect(gzipped.lines).toEqual(results.lines);
  });

  it("takes the JSON form with metadata and a completion window, and lists the account's batches newest first", async () => {
    const owner = await api.tenant();
    const first = await api.call("POST", "/v1/batches", owner.key, {
      items: [chartItem(10), chartItem(11)],
      metadata: { project: "e2e" },
      completionWindow: "2h",
    });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toMatchObject({ metadata: { project: "e2e" }, completionWindow: "2h" });
    const second = await api.submitJsonl(owner.key, [chartItem(12)]);
    expect(second.status).toBe(202);
    await api.until(owner.key, first.body.id as string, ["completed"]);
    await api.until(owner.key, second.body.id as string, ["completed"]);

    const list = await api.call("GET", "/v1/batches?pageSize=1", owner.key);
    expect(list.status).toBe(200);
    const page = list.body.batches as Record<string, unknown>[];
    expect(page.map((batch) => batch.id)).toEqual([second.body.id]);
    const next = await api.call(
      "GET",
      `/v1/batches?pageSize=1&pageToken=${encodeURIComponent(list.body.nextPageToken as string)}`,
      owner.key,
    );
    expect((next.body.batches as Record<string, unknown>[]).map((batch) => batch.id)).toEqual([
      first.body.id,
    ]);
    const completed = await api.call("GET", "/v1/batches?status=completed", owner.key);
    expect((completed.body.batches as unknown[]).length).toBe(2);
    const running = await api.call("GET", "/v1/batches?status=in_progress", owner.key);
    expect(running.body.batches).toEqual([]);
  });

  it("fails an item over the 64 KiB per-item limit alone, in a JSON body and in JSONL", async () => {
    const owner = await api.tenant();
    // 70 KB inside one item: over the limit as compact JSON (and as a JSONL line).
    const big = {
      customId: "too-big",
      type: "chart",
      params: { ...NATAL, note: "x".repeat(70_000) },
    };
    // 300 KB: a JSONL line that arrives over several reads and is skipped, never held.
    const huge = {
      customId: "huge",
      type: "chart",
      params: { ...NATAL, note: "y".repeat(300_000) },
    };
    const json = await api.call("POST", "/v1/batches", owner.key, {
      items: [chartItem(40), big, chartItem(41)],
    });
    const lines = await api.submitJsonl(owner.key, [chartItem(42), huge, chartItem(43), big]);
    for (const [created, failedIndexes, customIds] of [
      [json, [1], ["too-big"]],
      [lines, [1, 3], ["", ""]],
    ] as const) {
      expect(created.status, JSON.stringify(created.body)).toBe(202);
      const id = created.body.id as string;
      const done = await api.until(owner.key, id, ["completed"]);
      const counts = countsAddUp(done);
      expect(counts.failed).toBe(failedIndexes.length);
      expect(counts.completed).toBe(2);
      const errors = await api.lines(owner.key, id, "errors");
      expect(errors.lines.map((line) => line.index)).toEqual(failedIndexes);
      expect(errors.lines.map((line) => line.customId)).toEqual(customIds);
      for (const line of errors.lines) {
        expect(line.error).toMatchObject({ code: "BATCH_ITEM_TOO_LARGE" });
      }
      const results = await api.lines(owner.key, id, "results");
      expect(results.lines).toHaveLength(2);
    }
  });

  it("answers another tenant's batch with 404 on every route", async () => {
    const owner = await api.tenant();
    const stranger = await api.tenant();
    const created = await api.submitJsonl(owner.key, [chartItem(20)]);
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await api.until(owner.key, id, ["completed"]);
    for (const [method, path] of [
      ["GET", `/v1/batches/${id}`],
      ["POST", `/v1/batches/${id}/cancel`],
      ["GET", `/v1/batches/${id}/results`],
      ["GET", `/v1/batches/${id}/errors`],
    ] as const) {
      const reply = await api.call(method, path, stranger.key);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.code).toBe("BATCH_NOT_FOUND");
    }
    const list = await api.call("GET", "/v1/batches", stranger.key);
    expect(list.body.batches).toEqual([]);
    const mine = await api.call("GET", `/v1/batches/${id}`, owner.key);
    expect(mine.status).toBe(200);
  });

  it("refuses an all-invalid batch and an empty one with 400, creating nothing", async () => {
    const owner = await api.tenant();
    const invalid = await api.submitJsonl(owner.key, [
      { customId: "x", type: "chart", params: { ...NATAL, latitude: 95 } },
      { customId: "y", type: "nope", params: {} },
    ]);
    expect(invalid.status, JSON.stringify(invalid.body)).toBe(400);
    expect(invalid.body.code).toBe("BATCH_ALL_ITEMS_INVALID");
    const fields = (invalid.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toContain("items.0.latitude");
    expect(fields).toContain("items.1.type");
    const empty = await api.submitJsonl(owner.key, ["", ""]);
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe("BATCH_EMPTY");
    const list = await api.call("GET", "/v1/batches", owner.key);
    expect(list.body.batches).toEqual([]);
  });

  it("computes every item type as its synchronous route does", async () => {
    const owner = await api.tenant();
    const items = [
      { customId: "chart", type: "chart", params: NATAL, route: "/v1/charts" },
      { customId: "svg", type: "svg", params: NATAL, route: "/v1/charts/svg" },
      {
        customId: "reading",
        type: "reading",
        params: { input: NATAL, language: "es" },
        route: "/v1/readings",
      },
      {
        customId: "synastry",
        type: "synastry",
        params: { a: NATAL, b: PARTNER },
        route: "/v1/synastry",
      },
      {
        customId: "synastrySvg",
        type: "synastrySvg",
        params: { a: NATAL, b: PARTNER },
        route: "/v1/synastry/svg",
      },
      {
        customId: "transits",
        type: "transits",
        params: { natal: NATAL, at: "2025-01-01T00:00:00Z" },
        route: "/v1/transits",
      },
      {
        customId: "transitsSvg",
        type: "transitsSvg",
        params: { natal: NATAL, at: "2025-01-01T00:00:00Z" },
        route: "/v1/transits/svg",
      },
      {
        customId: "transitsTimeline",
        type: "transitsTimeline",
        params: { natal: NATAL, from: "2025-01-01", to: "2025-03-01", bodies: ["mars", "saturn"] },
        route: "/v1/transits/timeline",
      },
      {
        customId: "return",
        type: "return",
        params: { natal: NATAL, type: "solar", near: "2025-06-01", placeId: "2267057" },
        route: "/v1/returns",
      },
      {
        customId: "progressions",
        type: "progressions",
        params: { natal: NATAL, date: "2025-06-15" },
        route: "/v1/progressions",
      },
      {
        customId: "composite",
        type: "composite",
        params: { a: NATAL, b: PARTNER, method: "davison" },
        route: "/v1/composite",
      },
    ];
    const created = await api.submitJsonl(
      owner.key,
      items.map(({ route: _route, ...item }) => item),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const done = await api.until(owner.key, created.body.id as string, ["completed"]);
    expect(countsAddUp(done)).toEqual({ total: items.length, completed: items.length, failed: 0 });
    const results = await api.lines(owner.key, created.body.id as string, "results");
    expect(results.lines.map((line) => line.type)).toEqual(items.map((item) => item.type));
    for (const [index, item] of items.entries()) {
      const sync = await fetch(`${api.gatewayUrl}${item.route}`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner.key}`, "content-type": "application/json" },
        body: JSON.stringify(item.params),
      });
      expect(sync.status, item.type).toBe(200);
      const text = await sync.text();
      const result = results.lines[index]?.result;
      if (item.type.toLowerCase().endsWith("svg")) expect(result, item.type).toBe(text);
      else expect(result, item.type).toEqual(JSON.parse(text));
    }
  });

  it("replays a create with the same Idempotency-Key: one batch", async () => {
    const owner = await api.tenant();
    const headers = { "idempotency-key": `batch-${Date.now()}` };
    const first = await api.submitJsonl(owner.key, [chartItem(30), chartItem(31)], headers);
    expect(first.status).toBe(202);
    const again = await api.submitJsonl(owner.key, [chartItem(30), chartItem(31)], headers);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const list = await api.call("GET", "/v1/batches", owner.key);
    expect((list.body.batches as unknown[]).length).toBe(1);
  });

  it("charges every valid item to the monthly quota at submission, all or nothing", async () => {
    const owner = await api.tenant("free", { monthlyQuota: 10, concurrentBatches: 10 });
    const invalid = { customId: "bad", type: "chart", params: { ...NATAL, latitude: 95 } };
    const eight = await api.submitJsonl(owner.key, [
      ...[0, 1, 2, 3, 4, 5, 6, 7].map(chartItem),
      invalid,
    ]);
    expect(eight.status, JSON.stringify(eight.body)).toBe(202);
    const five = await api.submitJsonl(owner.key, [10, 11, 12, 13, 14].map(chartItem));
    expect(five.status, JSON.stringify(five.body)).toBe(429);
    expect(five.body.code).toBe("QUOTA_EXCEEDED");
    // The refused batch charged nothing: the two units left still take two items.
    const two = await api.submitJsonl(owner.key, [20, 21].map(chartItem));
    expect(two.status, JSON.stringify(two.body)).toBe(202);
    const one = await api.submitJsonl(owner.key, [chartItem(30)]);
    expect(one.status).toBe(429);
    const list = await api.call("GET", "/v1/batches", owner.key);
    expect((list.body.batches as unknown[]).length).toBe(2);
  });

  it("refuses a batch over the plan's size limit with 413, creating nothing", async () => {
    const owner = await api.tenant("free", { maxBatchSize: 3 });
    const tooMany = await api.submitJsonl(owner.key, [0, 1, 2, 3].map(chartItem));
    expect(tooMany.status, JSON.stringify(tooMany.body)).toBe(413);
    expect(tooMany.body).toMatchObject({ code: "BATCH_SIZE_LIMIT_EXCEEDED", limit: "3" });
    const list = await api.call("GET", "/v1/batches", owner.key);
    expect(list.body.batches).toEqual([]);
  });

  it("creates nothing when the size limit is passed after appends of items were sent", async () => {
    // Two appends of 500 items are out (the second possibly still in flight) when the 1,201st
    // item passes the limit: the batch is abandoned once they have settled.
    const owner = await api.tenant("premium", { maxBatchSize: 1_200 });
    const items = Array.from({ length: 1_300 }, (_, index) => chartItem(index));
    const tooMany = await api.submitJsonl(owner.key, items);
    expect(tooMany.status, JSON.stringify(tooMany.body)).toBe(413);
    expect(tooMany.body).toMatchObject({ code: "BATCH_SIZE_LIMIT_EXCEEDED", limit: "1200" });
    const list = await api.call("GET", "/v1/batches", owner.key);
    expect(list.body.batches).toEqual([]);
  });

  it("refuses a batch beyond the plan's concurrent batches with 429 while one runs", async () => {
    const owner = await api.tenant("basic", { maxBatchSize: 5_000, concurrentBatches: 1 });
    const big = await api.submitJsonl(
      owner.key,
      Array.from({ length: 4_000 }, (_, index) => chartItem(index)),
    );
    expect(big.status).toBe(202);
    const second = await api.submitJsonl(owner.key, [chartItem(1)]);
    expect(second.status, JSON.stringify(second.body)).toBe(429);
    expect(second.body).toMatchObject({ code: "CONCURRENT_BATCH_LIMIT_REACHED", limit: "1" });
    await api.until(owner.key, big.body.id as string, ["completed"], 60_000);
    const after = await api.submitJsonl(owner.key, [chartItem(1)]);
    expect(after.status).toBe(202);
  });
});
