import { createTenant, gatewayFetch, infra, POPULOUS_CITIES } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueChartInput } from "../src/app.test-support.js";
import {
  ChartSchema,
  SynastrySchema,
  TransitsSchema,
} from "../src/transport/http/astro-schemas.js";
import { CompositeSchema } from "../src/transport/http/composite-schemas.js";
import { MoonPhasesSchema } from "../src/transport/http/moon-phase-schemas.js";
import { PlaceListSchema, PlaceResultSchema } from "../src/transport/http/place-schemas.js";
import { ReadingResultSchema } from "../src/transport/http/reading-schemas.js";
import { ChartReturnSchema, ProgressionsSchema } from "../src/transport/http/return-schemas.js";
import { TransitTimelineSchema } from "../src/transport/http/timeline-schemas.js";

// The astrology routes through the running stack's gateway (scripts/stack up), with a key of a
// premium tenant of their own, so that other tests' traffic does not share its limits.
const gateway = infra.gatewayUrl;
let key: string;

const ARCSECOND = 1 / 3600;

/** Angular distance of two longitudes, degrees [0, 180]. */
function separation(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return Math.min(d, 360 - d);
}

const call = (
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => gatewayFetch(method, path, key, body, { headers });

async function ok(response: Response): Promise<unknown> {
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(200);
  return response.headers.get("content-type")?.startsWith("application/json")
    ? JSON.parse(text)
    : text;
}

/** The status and problem code of a GET the gateway refuses. */
async function refusal(path: string): Promise<{ status: number; code?: string }> {
  const response = await call("GET", path);
  const problem = (await response.json()) as { code?: string };
  return { status: response.status, code: problem.code };
}

const post = async (path: string, body: unknown, headers?: Record<string, string>) =>
  ok(await call("POST", path, body, headers));
const get = async (path: string) => ok(await call("GET", path));

beforeAll(async () => {
  ({ key } = await createTenant({
    name: "astrology e2e",
    scopes: ["charts:read", "analytics:read"],
    // Not a test of limits: rates high enough that requests in parallel never meet them.
    overrides: { burstPerSecond: 10_000, requestsPerMinute: 100_000 },
  }));
});

const LONDON = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
};

describe("GET /v1/places", () => {
  it("finds the 100 most populous cities first by their names, with and without accents", async () => {
    expect(POPULOUS_CITIES).toHaveLength(100);
    for (const [name, country, ascii] of POPULOUS_CITIES) {
      for (const spelling of [name, name.toLowerCase(), ...(ascii === undefined ? [] : [ascii])]) {
        const list = PlaceListSchema.parse(
          await get(`/v1/places?q=${encodeURIComponent(spelling)}&limit=3`),
        );
        const [top] = list.places;
        expect(`${top?.name} ${top?.country}`, spelling).toBe(`${name} ${country}`);
        expect(list.attribution).toContain("GeoNames");
      }
    }
  });

  it("filters by country, gets a place by id, and names bad queries", async () => {
    const lisbon = PlaceListSchema.parse(await get("/v1/places?q=lisb&country=pt&limit=1"));
    expect(lisbon.places.map((place) => [place.name, place.country])).toEqual([["Lisbon", "PT"]]);
    const id = lisbon.places[0]?.id ?? "";
    const byId = PlaceResultSchema.parse(await get(`/v1/places/${id}`));
    expect(byId.place).toEqual(lisbon.places[0]);
    expect(byId.attribution).toContain("CC BY 4.0");

    expect(await refusal("/v1/places/999999999")).toMatchObject({
      status: 404,
      code: "PLACE_NOT_FOUND",
    });
    expect(await refusal("/v1/places/lisbon")).toMatchObject({ status: 400 });
    expect(await refusal("/v1/places?q=%21%21%21")).toMatchObject({
      status: 422,
      code: "INVALID_QUERY",
    });
    expect(await refusal("/v1/places?q=paris&country=XX")).toMatchObject({
      code: "UNKNOWN_COUNTRY",
    });
    expect(await refusal("/v1/places?q=paris&limit=51")).toMatchObject({ status: 400 });
  });
});

/** A place and its explicit equivalent: its coordinates and zone as the place routes give them. */
async function lisbonPlace() {
  const { place } = PlaceResultSchema.parse(await get("/v1/places/2267057"));
  return {
    byId: { placeId: place.id },
    explicit: { latitude: place.latitude, longitude: place.longitude, timezone: place.timezone },
    place,
  };
}

describe("placeId and timezone auto", () => {
  it("charts a birth by placeId with the place's coordinates and zone, echoed in meta", async () => {
    const { byId, explicit, place } = await lisbonPlace();
    const datetime = "1985-03-21T09:15:00";
    const chart = ChartSchema.parse(await post("/v1/charts", { datetime, ...byId }));
    expect(chart.meta.location).toEqual({
      timezone: "Europe/Lisbon",
      timezoneSource: "place",
      place,
    });
    const same = ChartSchema.parse(await post("/v1/charts", { datetime, ...explicit }));
    expect(same.meta.location).toEqual({
      timezone: "Europe/Lisbon",
      timezoneSource: "given",
      place: null,
    });
    expect(chart.bodies).toEqual(same.bodies);
    expect(chart.input).toEqual(same.input);
    // A zone given beside the place wins over the place's.
    const inUtc = ChartSchema.parse(
      await post("/v1/charts", { datetime, ...byId, timezone: "UTC" }),
    );
    expect(inUtc.meta.location?.timezoneSource).toBe("given");
    expect(inUtc.meta.utc).toBe("1985-03-21T09:15:00Z");
  });

  it('takes the zone of the coordinates for timezone "auto", and a nautical zone at sea', async () => {
    const { explicit } = await lisbonPlace();
    const auto = ChartSchema.parse(
      await post("/v1/charts", {
        datetime: "1985-07-01T12:00:00",
        latitude: explicit.latitude,
        longitude: explicit.longitude,
        timezone: "auto",
      }),
    );
    expect(auto.meta.location).toEqual({
      timezone: "Europe/Lisbon",
      timezoneSource: "coordinates",
      place: null,
    });
    expect(auto.meta.offsetUsed).toBe("+01:00");
    const atSea = ChartSchema.parse(
      await post("/v1/charts", {
        datetime: "2000-01-01T12:00:00",
        latitude: 0,
        longitude: -30,
        timezone: "auto",
      }),
    );
    expect(atSea.meta.location?.timezone).toBe("Etc/GMT+2");
    expect(atSea.meta.utc).toBe("2000-01-01T14:00:00Z");
    expect(atSea.meta.warnings.map((warning) => warning.code)).toContain("NAUTICAL_TIMEZONE");
  });

  it("is accepted by every route that takes a chart input, giving what the explicit place gives", async () => {
    const { byId, explicit } = await lisbonPlace();
    const datetime = "1985-03-21T09:15:00";
    const located = { datetime, ...byId };
    const auto = {
      datetime,
      latitude: explicit.latitude,
      longitude: explicit.longitude,
      timezone: "auto",
    };
    const plain = { datetime, ...explicit };
    const requests: [
      path: string,
      body: (input: object) => unknown,
      omit?: (body: unknown) => unknown,
    ][] = [
      ["/v1/charts/svg", (input) => input],
      ["/v1/readings", (input) => ({ input })],
      ["/v1/readings", (input) => ({ kind: "synastry", a: input, b: LONDON })],
      [
        "/v1/readings",
        (input) => ({ kind: "transits", natal: input, from: "2025-01-01", to: "2025-02-01" }),
      ],
      ["/v1/synastry", (input) => ({ a: LONDON, b: input })],
      ["/v1/synastry/svg", (input) => ({ a: input, b: LONDON })],
      ["/v1/transits", (input) => ({ natal: input, at: "2025-01-01T00:00:00Z" })],
      ["/v1/transits", (input) => ({ natal: LONDON, at: input })],
      ["/v1/transits/svg", (input) => ({ natal: input, at: "2025-01-01T00:00:00Z" })],
      ["/v1/composite", (input) => ({ a: input, b: LONDON, method: "davison" })],
      [
        "/v1/transits/timeline",
        (input) => ({ natal: input, from: "2025-01-01", to: "2025-02-01" }),
      ],
      // Derived charts echo their place: compare them without it.
      [
        "/v1/returns",
        (input) => ({ natal: input, type: "lunar", near: "2025-01-01" }),
        withoutLocation,
      ],
      ["/v1/progressions", (input) => ({ natal: input, date: "2025-01-01" }), withoutLocation],
    ];
    for (const [path, body, omit = (value: unknown) => value] of requests) {
      const expected = omit(await post(path, body(plain)));
      expect(omit(await post(path, body(located))), `${path} placeId`).toEqual(expected);
      expect(omit(await post(path, body(auto))), `${path} auto`).toEqual(expected);
    }
  });

  it("names a place that does not exist where the request names it", async () => {
    const response = await call("POST", "/v1/synastry", {
      a: LONDON,
      b: { datetime: "1990-01-01T00:00:00", placeId: "999999999" },
    });
    expect(response.status).toBe(404);
    const problem = (await response.json()) as { code: string; errors: { pointer: string }[] };
    expect(problem.code).toBe("PLACE_NOT_FOUND");
    expect(problem.errors[0]?.pointer).toBe("/b/placeId");
    const conflict = await call("POST", "/v1/charts", { ...LONDON, placeId: "2267057" });
    expect(conflict.status).toBe(422);
    expect(await conflict.json()).toMatchObject({ code: "LOCATION_CONFLICT" });
    const autoAndOffset = await call("POST", "/v1/charts", {
      ...LONDON,
      timezone: "auto",
      utcOffset: "+01:00",
    });
    expect(await autoAndOffset.json()).toMatchObject({ code: "TIMEZONE_CONFLICT" });
    const neither = await call("POST", "/v1/charts", { datetime: "1990-01-01T00:00:00Z" });
    expect(neither.status).toBe(400);
    const fields = ((await neither.json()) as { errors: { field: string; code: string }[] }).errors;
    expect(fields).toEqual([
      expect.objectContaining({ field: "latitude", code: "REQUIRED" }),
      expect.objectContaining({ field: "longitude", code: "REQUIRED" }),
    ]);
  });
});

function withoutLocation(value: unknown): unknown {
  const result = structuredClone(value) as { chart: { meta: Record<string, unknown> } };
  delete result.chart.meta.location;
  return result;
}

describe("POST /v1/returns", () => {
  it("finds the solar return with the Sun at its natal longitude within 1″, cast where asked", async () => {
    const natal = ChartSchema.parse(await post("/v1/charts", LONDON));
    const natalSun = natal.bodies.find((body) => body.id === "sun")?.longitude ?? Number.NaN;
    for (const near of ["2025-06-01", "2031-01-10T00:00:00Z"]) {
      const result = ChartReturnSchema.parse(
        await post("/v1/returns", { natal: LONDON, type: "solar", near, placeId: "2267057" }),
      );
      const sun = result.chart.bodies.find((body) => body.id === "sun")?.longitude ?? Number.NaN;
      expect(separation(sun, natalSun)).toBeLessThan(ARCSECOND);
      expect(result.natalLongitude).toBe(natalSun);
      // Within half a year of near, and on the natal birthday (give or take a day).
      expect(Math.abs(Date.parse(result.utc) - Date.parse(near))).toBeLessThan(190 * 86_400_000);
      expect(result.utc.slice(5, 7)).toBe("06");
      expect(result.chart.meta.location).toMatchObject({
        timezone: "Europe/Lisbon",
        timezoneSource: "place",
        place: { id: "2267057" },
      });
      expect(result.chart.input.latitude).toBeCloseTo(38.71667, 5);
    }
  });

  it("finds the lunar return nearest a date at the birth place", async () => {
    const natal = ChartSchema.parse(await post("/v1/charts", LONDON));
    const natalMoon = natal.bodies.find((body) => body.id === "moon")?.longitude ?? Number.NaN;
    const result = ChartReturnSchema.parse(
      await post("/v1/returns", { natal: LONDON, type: "lunar", near: "2025-06-01T00:00:00Z" }),
    );
    const moon = result.chart.bodies.find((body) => body.id === "moon")?.longitude ?? Number.NaN;
    expect(separation(moon, natalMoon)).toBeLessThan(ARCSECOND);
    // The Moon comes back every 27.3 days: the nearest return is at most half of that away.
    expect(Math.abs(Date.parse(result.utc) - Date.parse("2025-06-01T00:00:00Z"))).toBeLessThan(
      13.7 * 86_400_000,
    );
    expect(result.chart.meta.location).toEqual(natal.meta.location);
    expect(result.chart.input.timezone).toBe("Europe/London");
  });
});

describe("POST /v1/progressions", () => {
  it("progresses a day for a year and advances the angles by the solar arc", async () => {
    const natal = ChartSchema.parse(await post("/v1/charts", LONDON));
    const result = ProgressionsSchema.parse(
      await post("/v1/progressions", { natal: LONDON, date: "2020-06-15T11:30:00Z" }),
    );
    const years =
      (Date.parse("2020-06-15T11:30:00Z") - Date.parse(natal.meta.utc)) / 86_400_000 / 365.24219;
    expect(result.ageYears).toBeCloseTo(years, 5);
    const progressedMs = Date.parse(natal.meta.utc) + years * 86_400_000;
    expect(Math.abs(Date.parse(result.progressedUtc) - progressedMs)).toBeLessThan(1_000);
    const sun = (chart: { bodies: { id: string; longitude: number }[] }) =>
      chart.bodies.find((body) => body.id === "sun")?.longitude ?? Number.NaN;
    const arc = (sun(result.chart) - sun(natal) + 360) % 360;
    expect(result.solarArc).toBeCloseTo(arc, 5);
    // Thirty years of progression carry the Sun about thirty degrees.
    expect(arc).toBeGreaterThan(28);
    expect(arc).toBeLessThan(31);
    const mc = natal.angles?.midheaven.longitude ?? Number.NaN;
    expect(
      separation(result.chart.angles?.midheaven.longitude ?? Number.NaN, mc + arc),
    ).toBeLessThan(1e-4);
    expect(result.method).toMatchObject({ positions: "secondary", angles: "solarArcMc" });
  });
});

describe("POST /v1/composite", () => {
  it("puts every midpoint composite body on the nearer arc between the two natal ones", async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = uniqueChartInput();
      const b = uniqueChartInput();
      const [chartA, chartB] = [
        ChartSchema.parse(await post("/v1/charts", a)),
        ChartSchema.parse(await post("/v1/charts", b)),
      ];
      const composite = CompositeSchema.parse(
        await post("/v1/composite", { a, b, method: "midpoint" }),
      );
      if (composite.method !== "midpoint") throw new Error("expected a midpoint composite");
      expect(composite.chart.bodies.length).toBe(chartA.bodies.length);
      for (const body of composite.chart.bodies) {
        const p = chartA.bodies.find((other) => other.id === body.id)?.longitude ?? Number.NaN;
        const q = chartB.bodies.find((other) => other.id === body.id)?.longitude ?? Number.NaN;
        const half = separation(p, q) / 2;
        expect(separation(body.longitude, p), body.id).toBeCloseTo(half, 5);
        expect(separation(body.longitude, q), body.id).toBeCloseTo(half, 5);
      }
    }
  });

  it("casts the Davison chart at the midpoint in time and latitude", async () => {
    const b = {
      datetime: "1992-03-02T08:15:00",
      timezone: "America/New_York",
      latitude: 40.7128,
      longitude: -74.006,
    };
    const [chartA, chartB] = [
      ChartSchema.parse(await post("/v1/charts", LONDON)),
      ChartSchema.parse(await post("/v1/charts", b)),
    ];
    const davison = CompositeSchema.parse(
      await post("/v1/composite", { a: LONDON, b, method: "davison" }),
    );
    if (davison.method !== "davison") throw new Error("expected a Davison chart");
    const middle = (Date.parse(chartA.meta.utc) + Date.parse(chartB.meta.utc)) / 2;
    expect(Math.abs(Date.parse(davison.midpoint.utc) - middle)).toBeLessThan(1_000);
    expect(davison.midpoint.latitude).toBeCloseTo((51.5074 + 40.7128) / 2, 5);
    expect(davison.chart.meta.utc).toBe(davison.midpoint.utc);
  });
});

describe("GET /v1/moon-phases", () => {
  it("lists the phases at their published instants, the full Moon at 180° elongation", async () => {
    const phases = MoonPhasesSchema.parse(
      await get("/v1/moon-phases?from=2025-01-01&to=2025-12-31"),
    );
    const at = (type: string, kind: string, day: string) =>
      phases.events.find(
        (event) =>
          event.type === type &&
          ("phase" in event ? event.phase : event.kind) === kind &&
          event.utc.startsWith(day),
      )?.utc ?? "";
    const minutes = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 60_000;
    // US Naval Observatory, phases of the Moon 2025 (UT, to the minute).
    expect(minutes(at("phase", "firstQuarter", "2025-01-06"), "2025-01-06T23:56Z")).toBeLessThan(1);
    expect(minutes(at("phase", "full", "2025-01-13"), "2025-01-13T22:27Z")).toBeLessThan(1);
    expect(minutes(at("phase", "lastQuarter", "2025-01-21"), "2025-01-21T20:31Z")).toBeLessThan(1);
    expect(minutes(at("phase", "new", "2025-01-29"), "2025-01-29T12:36Z")).toBeLessThan(1);
    // NASA's eclipse catalogue, greatest eclipse 2025.
    expect(minutes(at("lunarEclipse", "total", "2025-03-14"), "2025-03-14T06:58:43Z")).toBeLessThan(
      3,
    );
    expect(
      minutes(at("solarEclipse", "partial", "2025-03-29"), "2025-03-29T10:47:27Z"),
    ).toBeLessThan(3);
    expect(minutes(at("lunarEclipse", "total", "2025-09-07"), "2025-09-07T18:11:48Z")).toBeLessThan(
      3,
    );
    expect(
      minutes(at("solarEclipse", "partial", "2025-09-21"), "2025-09-21T19:41:59Z"),
    ).toBeLessThan(3);

    const elongation = { new: 0, firstQuarter: 90, full: 180, lastQuarter: 270 };
    const lunations = phases.events.filter((event) => event.type === "phase");
    expect(lunations.length).toBeGreaterThanOrEqual(48);
    for (const event of lunations.slice(0, 8)) {
      const chart = ChartSchema.parse(
        await post("/v1/charts", { datetime: event.utc, latitude: 0, longitude: 0 }),
      );
      expect(separation(chart.moonPhase.angle, elongation[event.phase]), event.utc).toBeLessThan(
        0.001,
      );
      const moon = chart.bodies.find((body) => body.id === "moon")?.longitude ?? Number.NaN;
      expect(separation(moon, event.longitude)).toBeLessThan(0.001);
    }
  });

  it("refuses a range longer than a year or backwards", async () => {
    expect(await refusal("/v1/moon-phases?from=2025-01-01&to=2026-06-01")).toMatchObject({
      status: 422,
      code: "RANGE_TOO_LONG",
    });
    expect(await refusal("/v1/moon-phases?from=2025-02-01&to=2025-01-01")).toMatchObject({
      code: "INVALID_RANGE",
    });
    expect(await refusal("/v1/moon-phases?from=yesterday&to=2025-01-01")).toMatchObject({
      status: 400,
    });
  });
});

describe("POST /v1/transits/timeline", () => {
  it("puts each transiting body at the aspect angle within 30″ at every exact instant", async () => {
    const natal = ChartSchema.parse(await post("/v1/charts", LONDON));
    const timeline = TransitTimelineSchema.parse(
      await post("/v1/transits/timeline", {
        natal: LONDON,
        from: "2025-01-01",
        to: "2025-07-01",
        bodies: ["sun", "mars", "saturn"],
      }),
    );
    const natalLongitude = (target: string) =>
      target === "ascendant" || target === "midheaven"
        ? (natal.angles?.[target].longitude ?? Number.NaN)
        : (natal.bodies.find((body) => body.id === target)?.longitude ?? Number.NaN);
    let checked = 0;
    for (const event of timeline.events) {
      if (event.type !== "aspect") continue;
      for (const exact of event.exact) {
        const transits = TransitsSchema.parse(
          await post("/v1/transits", {
            natal: LONDON,
            at: exact,
            options: { bodies: [event.transit] },
          }),
        );
        const transiting = transits.bodies[0]?.longitude ?? Number.NaN;
        const off = Math.abs(
          separation(transiting, natalLongitude(event.natal)) - event.exactAngle,
        );
        expect(off, `${event.transit} ${event.aspect} ${event.natal} at ${exact}`).toBeLessThan(
          30 * ARCSECOND,
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
    const times = timeline.events.map((event) =>
      event.type === "aspect" ? (event.enters ?? timeline.from) : event.utc,
    );
    expect(times).toEqual([...times].sort());
    expect(timeline.events.some((event) => event.type === "ingress")).toBe(true);
  });
});

describe("POST /v1/synastry", () => {
  it("scores compatibility 0–100, the same whichever chart comes first", async () => {
    const a = uniqueChartInput();
    const b = uniqueChartInput();
    const ab = SynastrySchema.parse(await post("/v1/synastry", { a, b }));
    const ba = SynastrySchema.parse(
      await post("/v1/synastry", { a: b, b: a, options: { orbs: { conjunction: 2 } } }),
    );
    expect(ab.compatibility.score).toBeGreaterThanOrEqual(0);
    expect(ab.compatibility.score).toBeLessThanOrEqual(100);
    expect(ba.compatibility.score).toBe(ab.compatibility.score);
    expect(ba.compatibility.themes).toEqual(ab.compatibility.themes);
    // The documented method: round(100 × (harmony + 2) / (harmony + tension + 4)).
    const { harmony, tension } = ab.compatibility;
    const unrounded = (100 * (harmony + 2)) / (harmony + tension + 4);
    expect(Math.abs(ab.compatibility.score - unrounded)).toBeLessThanOrEqual(0.51);
  });
});

describe("POST /v1/readings in three languages", () => {
  it("serves the body's language, else Accept-Language's, in Content-Language", async () => {
    const input = uniqueChartInput();
    const cases: [headers: Record<string, string>, body: object, language: string][] = [
      [{}, {}, "en"],
      [{ "accept-language": "es-MX,es;q=0.9" }, {}, "es"],
      [{ "accept-language": "pt-BR" }, {}, "pt"],
      [{ "accept-language": "fr-FR, de;q=0.5" }, {}, "en"],
      [{ "accept-language": "fr, pt;q=0.4, es;q=0.8" }, {}, "es"],
      [{ "accept-language": "pt-BR" }, { language: "es" }, "es"],
    ];
    const texts = new Map<string, string>();
    for (const [headers, extra, language] of cases) {
      const response = await call("POST", "/v1/readings", { input, ...extra }, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-language")).toBe(language);
      expect(response.headers.get("vary")).toContain("Accept-Language");
      const reading = ReadingResultSchema.parse(await response.json());
      expect(reading.language).toBe(language);
      const text = reading.sections
        .flatMap((section) => section.paragraphs.map((p) => p.text))
        .join(" ");
      if (texts.has(language)) expect(text).toBe(texts.get(language));
      texts.set(language, text);
    }
    expect(new Set(texts.values()).size).toBe(3);
    const unknown = await call("POST", "/v1/readings", { input, language: "fr" });
    expect(unknown.status).toBe(400);
  });

  it("writes synastry and transit readings with a basis for every paragraph", async () => {
    const synastry = ReadingResultSchema.parse(
      await post("/v1/readings", {
        kind: "synastry",
        a: uniqueChartInput(),
        b: uniqueChartInput(),
        names: { a: "Ana", b: "Bruno" },
        language: "pt",
      }),
    );
    if (synastry.kind !== "synastry") throw new Error("expected a synastry reading");
    expect(synastry.sections.map((section) => section.id)).toEqual([
      "compatibility",
      "aspects",
      "overlays",
    ]);
    expect(synastry.sections[0]?.paragraphs[0]?.text).toContain(
      String(synastry.compatibility.score),
    );
    expect(synastry.sections[0]?.paragraphs[0]?.text).toContain("Ana");
    const transits = ReadingResultSchema.parse(
      await post(
        "/v1/readings",
        { kind: "transits", natal: uniqueChartInput(), from: "2026-01-01", to: "2026-12-31" },
        { "accept-language": "es" },
      ),
    );
    expect(transits).toMatchObject({ kind: "transits", language: "es" });
    for (const reading of [synastry, transits]) {
      for (const paragraph of reading.sections.flatMap((section) => section.paragraphs)) {
        expect(paragraph.basis.length, paragraph.text).toBeGreaterThan(0);
      }
    }
    const unknownKind = await call("POST", "/v1/readings", { kind: "horoscope" });
    expect(unknownKind.status).toBe(400);
  });
});

describe("bi-wheels", () => {
  it("draws synastry and transit bi-wheels as SVG", async () => {
    for (const [path, body] of [
      ["/v1/synastry/svg?theme=dark&size=700", { a: uniqueChartInput(), b: uniqueChartInput() }],
      ["/v1/transits/svg", { natal: uniqueChartInput(), at: "2030-01-01T00:00:00Z" }],
    ] as const) {
      const response = await call("POST", path, body);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      const svg = await response.text();
      expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      // Two rings of bodies: each planet's glyph appears twice.
      expect(svg.match(/☉/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
    const small = await call("POST", "/v1/synastry/svg?size=700", {
      a: uniqueChartInput(),
      b: uniqueChartInput(),
    });
    expect(await small.text()).toMatch(/^<svg[^>]+width="700/);
  });
});

describe("caching and costs", () => {
  it("answers a repeat from the cache, one instant in two spellings included", async () => {
    const natal = uniqueChartInput();
    const first = await call("POST", "/v1/progressions", { natal, date: "2024-02-29" });
    expect(first.headers.get("cache-status")).toContain("fwd=miss");
    const body = await first.text();
    const again = await call("POST", "/v1/progressions", {
      natal,
      date: "2024-02-29T01:00:00+01:00",
    });
    expect(again.headers.get("cache-status")).toBe("orrery-gateway; hit");
    expect(await again.text()).toBe(body);
  });

  it("charges each route its cost from the policy", async () => {
    const used = async () =>
      ((await get("/v1/usage")) as { monthly: { used: number } }).monthly.used;
    const natal = uniqueChartInput();
    const costs: [string, () => Promise<unknown>, number][] = [
      [
        "timeline",
        () => post("/v1/transits/timeline", { natal, from: "2025-01-01", to: "2025-02-01" }),
        3,
      ],
      ["return", () => post("/v1/returns", { natal, type: "solar", near: "2025-01-01" }), 3],
      ["places", () => get("/v1/places?q=Porto"), 0],
      ["moon phases", () => get("/v1/moon-phases?from=2025-01-01&to=2025-02-01"), 2],
    ];
    for (const [name, run, cost] of costs) {
      const before = await used();
      await run();
      expect((await used()) - before, name).toBe(cost);
    }
  });
});

describe("OpenAPI", () => {
  it("documents every astrology operation with examples that the API answers as documented", async () => {
    const document = (await (await fetch(`${gateway}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const operations = [
      ["get", "/v1/places"],
      ["get", "/v1/places/{placeId}"],
      ["get", "/v1/moon-phases"],
      ["post", "/v1/charts"],
      ["post", "/v1/returns"],
      ["post", "/v1/progressions"],
      ["post", "/v1/composite"],
      ["post", "/v1/transits/timeline"],
      ["post", "/v1/synastry"],
      ["post", "/v1/transits"],
      ["post", "/v1/readings"],
      ["post", "/v1/synastry/svg"],
      ["post", "/v1/transits/svg"],
    ] as const;
    for (const [method, template] of operations) {
      const operation = document.paths[template]?.[method];
      expect(operation, `${method} ${template}`).toBeDefined();
      if (operation === undefined) continue;
      let path = template as string;
      const query = new URLSearchParams();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.example === undefined) continue;
        if (parameter.in === "path")
          path = path.replace(`{${parameter.name}}`, String(parameter.example));
        if (parameter.in === "query") query.set(parameter.name, String(parameter.example));
      }
      const url = `${path}${query.size > 0 ? `?${query}` : ""}`;
      const example = operation.requestBody?.content["application/json"]?.example;
      if (method === "post") expect(example, `${template} request example`).toBeDefined();
      const answer = await (method === "get" ? get(url) : post(url, example));
      const documented = operation.responses["200"]?.content;
      const json = documented?.["application/json"];
      if (json !== undefined) {
        expect(json.example, `${template} response example`).toBeDefined();
        expect(answer, `${method} ${template}`).toEqual(json.example);
      } else {
        expect(documented?.["image/svg+xml"], template).toBeDefined();
        expect(answer).toMatch(/^<svg/);
      }
    }
  });
});

interface Operation {
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
}
