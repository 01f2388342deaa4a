import { loadPlaces } from "@orrery/places";
import { beforeAll, describe, expect, it } from "vitest";
import { AstrologyService, type PopularityRecorder, type ResultCache } from "./astrology.js";

/** Both cache levels as one map: what the service stores and when it computes. */
class MapCache implements ResultCache {
  readonly entries = new Map<string, string>();
  computations = 0;

  async getOrCompute(key: string, compute: () => string) {
    const held = this.entries.get(key);
    if (held !== undefined) return { value: held, computed: false };
    this.computations += 1;
    const value = compute();
    this.entries.set(key, value);
    return { value, computed: true };
  }
  peek(key: string) {
    return this.entries.get(key);
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
  async clear() {
    this.entries.clear();
  }
}

class Recorded implements PopularityRecorder {
  readonly entries = new Map<string, string>();
  record(id: string, payload: string) {
    this.entries.set(id, payload);
  }
}

function service() {
  const cache = new MapCache();
  const popularity = new Recorded();
  return { cache, popularity, astrology: new AstrologyService(cache, popularity, "test") };
}

const BY_PLACE = { datetime: "1985-03-21T09:15:00", placeId: "2267057" };

// Building the city index reads every city once (seconds on a busy machine): done here, so that
// no test's own time limit includes it.
beforeAll(() => {
  loadPlaces();
}, 120_000);

describe("AstrologyService", () => {
  it("keys a chart by its place lookup too, and warms it to the same bytes", async () => {
    const { astrology, popularity } = service();
    const byPlace = await astrology.chartJson(BY_PLACE);
    const chart = JSON.parse(byPlace.value) as {
      input: Record<string, unknown>;
      meta: Record<string, unknown>;
    };
    expect(chart.meta.location).toMatchObject({
      timezoneSource: "place",
      place: { id: "2267057" },
    });
    const explicit = await astrology.chartJson({
      datetime: BY_PLACE.datetime,
      latitude: chart.input.latitude as number,
      longitude: chart.input.longitude as number,
      timezone: chart.input.timezone as string,
    });
    expect(explicit.cacheKey).not.toBe(byPlace.cacheKey);
    expect((JSON.parse(explicit.value) as typeof chart).meta.location).toMatchObject({
      timezoneSource: "given",
    });

    const fresh = service();
    for (const [id, canonical] of popularity.entries)
      await fresh.astrology.warmChart(id, canonical);
    expect(fresh.cache.entries.get(byPlace.cacheKey ?? "")).toBe(byPlace.value);
    expect(fresh.cache.entries.get(explicit.cacheKey ?? "")).toBe(explicit.value);
  });

  it("computes an uncached chart to the bytes of the cached one, keeping and keying nothing", async () => {
    const inputs = [
      BY_PLACE,
      {
        datetime: "1990-06-15T12:30:00",
        timezone: "Europe/London",
        latitude: 51.5,
        longitude: -0.1,
      },
      { datetime: "2001-11-02T23:59:59", timezone: "auto", latitude: -33.87, longitude: 151.21 },
      { datetime: "1977-01-01T00:00:00", utcOffset: "-05:00", latitude: 40.7, longitude: -74 },
    ];
    for (const input of inputs) {
      const { astrology, cache, popularity } = service();
      const text = astrology.uncachedChartJson(input);
      expect(cache.entries.size + popularity.entries.size).toBe(0);
      expect(text).toBe((await astrology.chartJson(input)).value);
    }
  });

  it("answers a derived result held in the cache without computing or fetching its charts", async () => {
    const { astrology, cache } = service();
    const first = await astrology.progressionsJson(BY_PLACE, "2020-01-01T00:00:00.000Z");
    expect(first.cacheHit).toBe(false);
    const computed = cache.computations;
    const again = await astrology.progressionsJson(BY_PLACE, "2020-01-01T00:00:00.000Z");
    expect(again).toEqual({ ...first, cacheHit: true });
    expect(cache.computations).toBe(computed);
    const other = await astrology.progressionsJson(BY_PLACE, "2021-01-01T00:00:00.000Z");
    expect(other.cacheKey).not.toBe(first.cacheKey);
  });
});
