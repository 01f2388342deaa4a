import { gatewayFetch, infra, stackAdminKey } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueChartInput } from "../src/app.test-support.js";
import {
  ChartSchema,
  SynastrySchema,
  TransitsSchema,
} from "../src/transport/http/astro-schemas.js";
import { ReadingSchema } from "../src/transport/http/reading-schemas.js";

// The public astrology API through the running stack's gateway (scripts/stack up).
const gateway = infra.gatewayUrl;
let admin: string;

beforeAll(async () => {
  admin = await stackAdminKey();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return gatewayFetch("POST", path, admin, body, { headers });
}

describe("public API end to end", () => {
  it("computes a chart, then answers the same input from the cache", async () => {
    const input = uniqueChartInput();
    const first = await post("/v1/charts", input);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-request-id")).toMatch(/^req_/);
    expect(first.headers.get("cache-status")).toContain("fwd=miss");
    const chart = ChartSchema.parse(await first.json());
    expect(chart.bodies).toHaveLength(13);
    const second = await post("/v1/charts", input);
    expect(second.headers.get("cache-status")).toBe("orrery-gateway; hit");
    expect(ChartSchema.parse(await second.json())).toEqual(chart);
  });

  it("writes readings, synastry and transits, and draws the wheel", async () => {
    const input = uniqueChartInput();
    const reading = await post("/v1/readings", { input });
    expect(reading.status).toBe(200);
    expect(ReadingSchema.parse(await reading.json()).sections.length).toBeGreaterThan(3);
    const synastry = await post("/v1/synastry", { a: input, b: uniqueChartInput() });
    expect(synastry.status).toBe(200);
    SynastrySchema.parse(await synastry.json());
    const transits = await post("/v1/transits", { natal: input, at: "2031-01-01T00:00Z" });
    expect(transits.status).toBe(200);
    TransitsSchema.parse(await transits.json());
    const svg = await post("/v1/charts/svg?size=400", input);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain("<svg");
  });

  it("answers errors as problem documents", async () => {
    const invalid = await post("/v1/charts", { latitude: "north", extra: true });
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "datetime",
      "extra",
      "latitude",
      "longitude",
    ]);
    const engine = await post("/v1/charts", {
      ...uniqueChartInput(),
      timezone: "Mars/Olympus_Mons",
    });
    expect(engine.status).toBe(422);
    expect(await engine.json()).toMatchObject({ code: "UNKNOWN_TIMEZONE" });
    const method = await gatewayFetch("GET", "/v1/charts", admin);
    expect(method.status).toBe(405);
  });

  it("replays a POST sent again with the same Idempotency-Key", async () => {
    const key = `e2e-${Date.now()}-${Math.random()}`;
    const input = uniqueChartInput();
    const first = await post("/v1/charts", input, { "idempotency-key": key });
    const again = await post("/v1/charts", input, { "idempotency-key": key });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    const different = await post("/v1/charts", uniqueChartInput(), { "idempotency-key": key });
    expect(different.status).toBe(422);
  });

  it("serves the OpenAPI document and the reference page", async () => {
    const document = (await (await fetch(`${gateway}/v1/openapi.json`)).json()) as {
      openapi: string;
      info: { description: string };
      paths: object;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/charts",
        "/v1/charts/svg",
        "/v1/readings",
        "/v1/synastry",
        "/v1/transits",
      ]),
    );
    expect(document.info.description).toContain("Problem types");
    const docs = await fetch(`${gateway}/docs`);
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain('"url": "/v1/openapi.json"');
    const script = page.match(/<script src="([^"]+)">/)?.[1] ?? "";
    expect((await fetch(`${gateway}${script}`)).status).toBe(200);
  });
});
