import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { declaredRoutes } from "../../app.test-support.js";
import { buildOpenApiDocument } from "./openapi.js";

// The conventions that keep an operation exact under fuzzing, held for every declared route, so
// a route added anywhere gets them checked without a test of its own.
const routes = declaredRoutes();
const policy = loadPolicyFile(defaultPolicyPath);
const document = buildOpenApiDocument(routes, { version: "test" }, policy);
type Json = Record<string, unknown>;

function parses(schema: z.ZodType | undefined, value: unknown, what: string): void {
  if (schema === undefined) return;
  const result = schema.safeParse(value);
  expect(result.success, `${what}: ${JSON.stringify(result.error?.issues ?? [])}`).toBe(true);
}

/** Every schema node under `node`, following $refs into components.schemas. */
function* schemaNodes(node: unknown, seen = new Set<unknown>()): Generator<Json> {
  if (node === null || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) yield* schemaNodes(item, seen);
    return;
  }
  const schema = node as Json;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    const name = ref.slice("#/components/schemas/".length);
    yield* schemaNodes((document.components?.schemas as Json | undefined)?.[name], seen);
  }
  yield schema;
  for (const [key, value] of Object.entries(schema)) {
    if (key !== "example" && key !== "examples") yield* schemaNodes(value, seen);
  }
}

describe("every route declaration", () => {
  it("has examples its own schemas accept, for the request and every response", () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const { body, query, params } = route.request ?? {};
      if (body !== undefined || params !== undefined) expect(route.example, name).toBeDefined();
      parses(body, route.example?.body, `${name} body example`);
      parses(query, route.example?.query ?? {}, `${name} query example`);
      parses(params, route.example?.params, `${name} params example`);
      for (const [status, response] of Object.entries(route.responses)) {
        if (response.schema !== undefined) {
          parses(response.schema, response.example, `${name} ${status} example`);
        }
      }
    }
  });

  it("bounds every number a request can carry, in the document", () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
        const request = [operation.requestBody, operation.parameters];
        for (const node of schemaNodes(request)) {
          if (node.type !== "integer" && node.type !== "number") continue;
          const where = `${method.toUpperCase()} ${path}: ${JSON.stringify(node)}`;
          expect("minimum" in node || "exclusiveMinimum" in node, where).toBe(true);
          expect("maximum" in node || "exclusiveMaximum" in node, where).toBe(true);
        }
      }
    }
  });

  it("documents each problem it can answer with under its status, from the shared components", () => {
    for (const route of routes) {
      const item = document.paths?.[route.path] as Record<string, Json>;
      const operation = item[route.method.toLowerCase()];
      const responses = operation?.responses as Record<string, Json>;
      const problems = operation?.["x-orrery-problems"] as string[];
      for (const code of route.problems ?? []) expect(problems, route.path).toContain(code);
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || status in route.responses) continue;
        expect(response.$ref, `${route.path} ${status}`).toMatch(/^#\/components\/responses\//);
      }
      if (route.scope !== undefined) {
        expect(Object.keys(responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
      }
      if (route.request?.params !== undefined && route.path.includes("{")) {
        expect(Object.keys(responses), route.path).toContain("404");
      }
    }
  });

  it("states date-times by format, not by zod's regular expression", () => {
    for (const node of schemaNodes(document)) {
      if (node.format === "date-time" || node.format === "date") {
        expect(node.pattern, JSON.stringify(node)).toBeUndefined();
      }
    }
  });
});
