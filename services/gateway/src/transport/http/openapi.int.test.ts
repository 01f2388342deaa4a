import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicRoutes } from "../../app.js";
import {
  postJson,
  startTestGateway,
  type TestGateway,
  uniqueChartInput,
} from "../../app.test-support.js";
import { ChartSchema, SynastrySchema, TransitsSchema } from "./astro-schemas.js";
import { RELAYED_OPERATIONS } from "./openapi.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import { ReadingSchema } from "./reading-schemas.js";

const policy = loadPolicyFile(defaultPolicyPath);
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ corsAllowedOrigins: ["https://app.example"] });
});
afterAll(async () => {
  await gateway.close();
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { operationId: string; "x-orrery-scope": string | null; "x-orrery-cost": number }
    >
  >;
  "x-orrery-problem-types": { code: string }[];
}

describe("GET /v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApiDocument;
    expect(document.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(
      document as unknown as Parameters<Validator["validate"]>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every registered route with its scope and cost", async () => {
    const document = (await (
      await fetch(`${gateway.baseUrl}/v1/openapi.json`)
    ).json()) as OpenApiDocument;
    const routes = publicRoutes(gateway.dependencies, () => "");
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation?.operationId).toBe(route.operationId);
      expect(operation?.["x-orrery-scope"]).toBe(route.scope ?? null);
      expect(operation?.["x-orrery-cost"]).toBe(
        route.scope === undefined ? 0 : policy.routeCost(`${route.method} ${route.path}`),
      );
      // …and is mounted: another method on the path gets 405 with this one in Allow.
      const other = await fetch(`${gateway.baseUrl}${route.path}`, { method: "PATCH" });
      expect(other.status).toBe(405);
      expect(other.headers.get("allow") ?? "").toContain(route.method);
    }
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item));
    // …and realtime's two relayed endpoints, documented beside them.
    expect(operations).toHaveLength(routes.length + RELAYED_OPERATIONS.length);
    expect(document["x-orrery-problem-types"].map((type) => type.code)).toEqual(
      PROBLEM_TYPES.map((type) => type.code),
    );
  });

  it("answers If-None-Match with 304 and compresses when asked", async () => {
    const first = await fetch(`${gateway.baseUrl}/v1/openapi.json`, {
      headers: { "accept-encoding": "br" },
    });
    expect(first.headers.get("content-encoding")).toBe("br");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/); // strong: quoted, no W/
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const again = await fetch(`${gateway.baseUrl}/v1/openapi.json`, {
      headers: { "if-none-match": etag ?? "" },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const gzip = await fetch(`${gateway.baseUrl}/v1/openapi.json`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
  });
});

describe("GET /docs", () => {
  it("renders the reference with Scalar from this server's own script, fetching nothing elsewhere", async () => {
    const page = await fetch(`${gateway.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="/docs/assets/scalar.js"></script>');
    expect(html).toMatch(/Scalar\.createApiReference\('#app', \{\s*"url": "\/v1\/openapi\.json"/);
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no web fonts: everything is served here

    const script = await fetch(`${gateway.baseUrl}/docs/assets/scalar.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    const source = await script.text();
    expect(source.length).toBeGreaterThan(1_000_000);
    expect(source).toContain("createApiReference");

    const compressed = await fetch(`${gateway.baseUrl}/docs/assets/scalar.js`, {
      headers: { "accept-encoding": "br" },
    });
    expect(compressed.headers.get("content-encoding")).toBe("br");
    expect(await compressed.text()).toBe(source);
    const again = await fetch(`${gateway.baseUrl}/docs/assets/scalar.js`, {
      headers: { "accept-encoding": "br", "if-none-match": compressed.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("documents every problem type in the document the page renders", async () => {
    const document = (await (await fetch(`${gateway.baseUrl}/v1/openapi.json`)).json()) as {
      info: { description: string };
    };
    expect(document.info.description).toContain("## Problem types");
    for (const type of PROBLEM_TYPES) {
      const slug = type.code.toLowerCase().replaceAll("_", "-");
      expect(document.info.description).toContain(
        `| \`${slug}\` | ${type.status} | \`${type.code}\` |`,
      );
    }
  });
});

describe("responses match the documented schemas", () => {
  it("chart, reading, synastry and transits parse with their response schemas", async () => {
    const input = uniqueChartInput();
    const chart = await postJson(`${gateway.baseUrl}/v1/charts`, input);
    const chartBody = ChartSchema.parse(await chart.json());
    const sidereal = await postJson(`${gateway.baseUrl}/v1/charts`, {
      ...uniqueChartInput(),
      zodiac: "sidereal",
      timeUnknown: true,
      houseSystem: null,
      aspectTypes: ["quincunx", "trine"],
      orbs: { quincunx: 2.5 },
    });
    ChartSchema.parse(await sidereal.json());

    const fromInput = await postJson(`${gateway.baseUrl}/v1/readings`, {
      input,
      sections: ["sun", "aspects"],
    });
    expect(
      ReadingSchema.parse(await fromInput.json()).sections.map((section) => section.id),
    ).toEqual(["sun", "aspects"]);
    // A chart from POST /v1/charts is accepted back as is (its normalized input included).
    const fromChart = await postJson(`${gateway.baseUrl}/v1/readings`, { chart: chartBody });
    expect(fromChart.status).toBe(200);
    ReadingSchema.parse(await fromChart.json());
    const resent = await postJson(`${gateway.baseUrl}/v1/charts`, chartBody.input);
    expect(resent.headers.get("cache-status")).toBe("orrery-gateway; hit");

    const synastry = await postJson(`${gateway.baseUrl}/v1/synastry`, {
      a: input,
      b: uniqueChartInput(),
      options: { aspectTypes: ["conjunction", "opposition"], orbs: { conjunction: 10 } },
    });
    SynastrySchema.parse(await synastry.json());
    const transits = await postJson(`${gateway.baseUrl}/v1/transits`, {
      natal: input,
      at: "2030-03-20T12:00:00Z",
      options: { bodies: ["mars", "saturn"] },
    });
    const transitsBody = TransitsSchema.parse(await transits.json());
    expect(transitsBody.bodies.map((body) => body.id)).toEqual(["mars", "saturn"]);
    const transitsAtInput = await postJson(`${gateway.baseUrl}/v1/transits`, {
      natal: input,
      at: uniqueChartInput(),
    });
    TransitsSchema.parse(await transitsAtInput.json());
  });

  it("serves the wheel as SVG by route or by Accept", async () => {
    const input = uniqueChartInput();
    const svg = await postJson(`${gateway.baseUrl}/v1/charts/svg?theme=dark&size=320`, input);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg[^>]+width="320/);
    const negotiated = await postJson(`${gateway.baseUrl}/v1/charts`, input, {
      accept: "image/svg+xml",
    });
    expect(negotiated.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(negotiated.headers.get("vary")).toContain("Accept");
  });
});

describe("CORS", () => {
  it("allows the configured origin, exposes the API's headers and answers preflights", async () => {
    const preflight = await fetch(`${gateway.baseUrl}/v1/charts`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, idempotency-key",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
    const actual = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      origin: "https://app.example",
    });
    expect(actual.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    const stranger = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      origin: "https://evil.example",
    });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
  });
});
