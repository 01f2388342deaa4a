import { describe, expect, it } from "vitest";
import { fillBuckets, rankGroups, usageQuery, windowOf } from "./ranges.js";

const NOW = new Date("2026-12-02T16:37:20.000Z");

describe("windowOf", () => {
  it("aligns each range to its granularity's buckets, as the usage route does", () => {
    expect(windowOf("1h", NOW)).toEqual({
      from: new Date("2026-12-02T15:37:00.000Z"),
      to: new Date("2026-12-02T16:38:00.000Z"),
      granularity: "minute",
    });
    expect(windowOf("24h", NOW)).toMatchObject({
      from: new Date("2026-12-01T16:00:00.000Z"),
      to: new Date("2026-12-02T17:00:00.000Z"),
      granularity: "hour",
    });
    expect(windowOf("7d", NOW).granularity).toBe("hour");
    expect(windowOf("30d", NOW)).toMatchObject({
      from: new Date("2026-11-02T00:00:00.000Z"),
      to: new Date("2026-12-03T00:00:00.000Z"),
      granularity: "day",
    });
  });

  it("stays within the API's 2,208 buckets for every range", () => {
    const buckets = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
    for (const range of ["1h", "24h", "7d", "30d"] as const) {
      const window = windowOf(range, NOW);
      const count = (window.to.getTime() - window.from.getTime()) / buckets[window.granularity];
      expect(count).toBeLessThanOrEqual(2_208);
    }
  });

  it("writes the usage query", () => {
    const query = new URLSearchParams(usageQuery(windowOf("1h", NOW), { groupBy: "route" }));
    expect(Object.fromEntries(query)).toEqual({
      from: "2026-12-02T15:37:00.000Z",
      to: "2026-12-02T16:38:00.000Z",
      granularity: "minute",
      groupBy: "route",
    });
  });
});

describe("fillBuckets", () => {
  const window = {
    from: new Date("2026-12-02T10:00:00.000Z"),
    to: new Date("2026-12-02T13:00:00.000Z"),
    granularity: "hour" as const,
  };
  const series = [{ start: "2026-12-02T11:00:00.000Z", requests: 7, p95: 4.5 }];

  it("gives quiet buckets zero requests and no latency (a gap, not a zero)", () => {
    const counts = fillBuckets(window, series, ["requests"], "zero");
    expect(counts.times).toEqual([
      Date.parse("2026-12-02T10:00:00Z") / 1000,
      Date.parse("2026-12-02T11:00:00Z") / 1000,
      Date.parse("2026-12-02T12:00:00Z") / 1000,
    ]);
    expect(counts.values).toEqual([[0, 7, 0]]);
    expect(fillBuckets(window, series, ["p95"], "gap").values).toEqual([[null, 4.5, null]]);
  });
});

describe("rankGroups", () => {
  it("sums each group over the buckets, busiest first, up to the limit", () => {
    const ranked = rankGroups(
      [
        { start: "a", group: "GET /v1/usage", requests: 2, errors: 0, rateLimited: 0 },
        { start: "a", group: "POST /v1/charts", requests: 5, errors: 1, rateLimited: 1 },
        { start: "b", group: "POST /v1/charts", requests: 4, errors: 2, rateLimited: 0 },
        { start: "b", group: "GET /v1/places", requests: 1, errors: 0, rateLimited: 0 },
      ],
      2,
    );
    expect(ranked).toEqual([
      { name: "POST /v1/charts", requests: 9, errors: 3, rateLimited: 1 },
      { name: "GET /v1/usage", requests: 2, errors: 0, rateLimited: 0 },
    ]);
  });
});
