import { POPULOUS_CITIES as CITIES } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { foldForSearch, getPlace, loadPlaces, searchPlaces } from "./index.js";
import { codeOf } from "./place-error.test-support.js";

// Building the index reads every city once (seconds on a busy machine): done here, so that no
// test's own time limit includes it.
beforeAll(() => {
  expect(loadPlaces().cities).toBeGreaterThan(100_000);
}, 120_000);

function first(query: string, country?: string) {
  const [top] = searchPlaces({ query, limit: 1, ...(country === undefined ? {} : { country }) });
  return top;
}

describe("searchPlaces", () => {
  it("holds 100 cities in the reference list", () => {
    expect(CITIES).toHaveLength(100);
  });

  it.each(CITIES)(
    "finds %s (%s) first by its name, with and without accents",
    (name, country, ascii) => {
      const spellings = [name, name.toLowerCase(), name.toUpperCase(), ...(ascii ? [ascii] : [])];
      for (const spelling of spellings) {
        const top = first(spelling);
        expect(top, spelling).toBeDefined();
        expect(`${top!.name} ${top!.country}`, spelling).toBe(`${name} ${country}`);
        expect(top!.population).toBeGreaterThan(2_000_000);
      }
    },
  );

  it("completes a prefix to the most populous match and honours the country filter", () => {
    expect(first("Lisb")!.name).toBe("Lisbon");
    const inPortugal = searchPlaces({ query: "Lisb", country: "pt", limit: 10 });
    expect(inPortugal.length).toBeGreaterThan(0);
    expect(inPortugal.every((p) => p.country === "PT")).toBe(true);
    const anywhere = searchPlaces({ query: "Lisbon", limit: 10 });
    expect(new Set(anywhere.map((p) => p.country)).size).toBeGreaterThan(1);
  });

  it("ranks by population and returns at most `limit` results in a fixed order", () => {
    const results = searchPlaces({ query: "San", limit: 25 });
    expect(results).toHaveLength(25);
    for (const p of results) expect(foldForSearch(p.name)).toMatch(/(^| )san/);
    expect(searchPlaces({ query: "San", limit: 25 })).toEqual(results);
  });

  it("prefers a city whose whole name is the query to a larger one it only begins", () => {
    expect(first("Bath")!.name).toBe("Bath");
    expect(first("York")!.name).toBe("York");
  });

  it("matches later words of a name", () => {
    expect(searchPlaces({ query: "Paulo", country: "BR", limit: 3 }).map((p) => p.name)).toContain(
      "São Paulo",
    );
  });

  it("gives every result the documented fields, with the zone at its coordinates", () => {
    const lisbon = first("Lisbon", "PT")!;
    expect(lisbon).toEqual({
      id: lisbon.id,
      name: "Lisbon",
      country: "PT",
      admin1: lisbon.admin1,
      latitude: expect.closeTo(38.72, 1),
      longitude: expect.closeTo(-9.14, 1),
      timezone: "Europe/Lisbon",
      population: expect.any(Number),
    });
    expect(lisbon.id).toMatch(/^\d+$/);
    expect(first("Sao Paulo")!.timezone).toBe("America/Sao_Paulo");
    expect(first("Kolkata")!.timezone).toBe("Asia/Kolkata");
  });

  it("rejects bad queries, countries and limits with their own codes", () => {
    expect(codeOf(() => searchPlaces({ query: "" }))).toBe("INVALID_QUERY");
    expect(codeOf(() => searchPlaces({ query: " ,;- " }))).toBe("INVALID_QUERY");
    expect(codeOf(() => searchPlaces({ query: 3 as never }))).toBe("INVALID_QUERY");
    expect(codeOf(() => searchPlaces({ query: "a".repeat(101) }))).toBe("QUERY_TOO_LONG");
    expect(codeOf(() => searchPlaces({ query: "Lis", country: "PRT" }))).toBe("INVALID_COUNTRY");
    expect(codeOf(() => searchPlaces({ query: "Lis", country: "XX" }))).toBe("UNKNOWN_COUNTRY");
    for (const limit of [0, 51, 2.5, Number.NaN]) {
      expect(codeOf(() => searchPlaces({ query: "Lis", limit }))).toBe("INVALID_LIMIT");
    }
  });

  it("answers an empty list when nothing matches", () => {
    expect(searchPlaces({ query: "Qqqxz" })).toEqual([]);
  });
});

describe("getPlace", () => {
  it("returns the same place as the search", () => {
    const lisbon = first("Lisbon", "PT")!;
    expect(getPlace(lisbon.id)).toEqual(lisbon);
  });

  it("tells a malformed id from an unknown one", () => {
    expect(codeOf(() => getPlace("abc"))).toBe("INVALID_PLACE_ID");
    expect(codeOf(() => getPlace("0123"))).toBe("INVALID_PLACE_ID");
    expect(codeOf(() => getPlace("9999999999"))).toBe("PLACE_NOT_FOUND");
  });
});

describe("foldForSearch", () => {
  it.each([
    ["São Paulo", "sao paulo"],
    ["Xi’an", "xian"],
    ["İzmir", "izmir"],
    ["Łódź", "lodz"],
    ["Straße", "strasse"],
    ["Frankfurt (Oder)", "frankfurt oder"],
    ["  Saint-Étienne ", "saint etienne"],
  ])("folds %s to %s", (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});
