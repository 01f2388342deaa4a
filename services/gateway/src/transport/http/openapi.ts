import { z } from "zod";
import { PROBLEM_TYPE_BASE, problemSlug } from "./problem.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import type { RouteDefinition } from "./route-registry.js";

/** RFC 9457 problem details as this API sends them. */
export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe(`${PROBLEM_TYPE_BASE}<code-in-kebab-case>; documented at /docs#problems.`),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe("Stable machine-readable code, e.g. VALIDATION_FAILED."),
    requestId: z.string().describe("Also in the X-Request-Id header."),
    errors: z
      .array(
        z.object({
          field: z
            .string()
            .describe("Dotted path, e.g. bodies.2, or query:size / header:Idempotency-Key."),
          pointer: z.string().optional().describe("JSON Pointer (RFC 6901) into the request body."),
          parameter: z.string().optional().describe("Name of the query, path or header parameter."),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .describe("Every bad field of the request."),
  })
  .catchall(z.unknown())
  .meta({ id: "Problem" });

type JsonSchema = Record<string, unknown>;

interface SchemaCollector {
  readonly components: Record<string, JsonSchema>;
  toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema;
}

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), named schemas moved to components. */
function schemaCollector(): SchemaCollector {
  const components: Record<string, JsonSchema> = {};
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] =
          key === "$ref" && typeof item === "string"
            ? item.replace(/^#\/\$defs\//, "#/components/schemas/")
            : rewrite(item);
      }
      return out;
    }
    return value;
  };
  return {
    components,
    toSchema(schema, io) {
      const generated = z.toJSONSchema(schema, {
        target: "draft-2020-12",
        io,
        unrepresentable: "any",
      }) as JsonSchema;
      const { $schema: _dialect, $defs, id, ...rest } = generated;
      for (const [name, definition] of Object.entries(
        ($defs ?? {}) as Record<string, JsonSchema>,
      )) {
        const rewritten = rewrite(definition) as JsonSchema;
        const previous = components[name];
        if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(rewritten)) {
          throw new Error(`schema ${name} differs between uses (${io}); give each its own id`);
        }
        components[name] = rewritten;
      }
      // A named schema at the top comes back inline with its id: keep it as a reference.
      if (typeof id === "string") {
        components[id] = rewrite(rest) as JsonSchema;
        return { $ref: `#/components/schemas/${id}` };
      }
      return rewrite(rest) as JsonSchema;
    },
  };
}

function parametersOf(
  schema: z.ZodType | undefined,
  location: "query" | "path",
  collector: SchemaCollector,
): JsonSchema[] {
  if (schema === undefined) return [];
  const objectSchema = collector.toSchema(schema, "input");
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((objectSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: propertySchema,
    };
  });
}

const PROBLEM_RESPONSE = { $ref: "#/components/responses/Problem" };

export interface OpenApiInfo {
  readonly version: string;
}

/**
 * The OpenAPI 3.1 document of every registered route, generated from the same zod schemas
 * that validate requests, so the two cannot drift.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: OpenApiInfo,
): JsonSchema {
  const collector = schemaCollector();
  const problem = collector.toSchema(ProblemSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};

  for (const route of routes) {
    const parameters = [
      ...parametersOf(route.request?.params, "path", collector),
      ...parametersOf(route.request?.query, "query", collector),
    ];
    if (route.method !== "GET") {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description:
          "Makes a retry safe: the same key and body within 24 h return the stored response (with Idempotent-Replayed: true); the same key with a different body is 422.",
        schema: { type: "string", minLength: 1, maxLength: 255 },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content: Record<string, unknown> = {
        [spec.contentType ?? "application/json"]:
          spec.schema === undefined ? {} : { schema: collector.toSchema(spec.schema, "output") },
      };
      for (const [type, alternative] of Object.entries(spec.alternatives ?? {})) {
        content[type] =
          alternative.schema === undefined
            ? {}
            : { schema: collector.toSchema(alternative.schema, "output") };
      }
      responses[status] = {
        description: spec.description,
        headers: {
          "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
          ...(route.cacheControl === undefined
            ? {}
            : { ETag: { $ref: "#/components/headers/ETag" } }),
          ...Object.fromEntries(
            Object.entries(spec.headers ?? {}).map(([name, header]) => [
              name,
              { description: header.description, schema: { type: "string" } },
            ]),
          ),
        },
        content,
      };
    }
    if (route.cacheControl !== undefined) {
      responses["304"] = { description: "Not modified: the If-None-Match ETag is current." };
    }
    const failures = [
      ...(route.request === undefined ? [] : ["400"]),
      ...(route.scope === undefined ? [] : ["401", "403"]),
      ...(route.request?.body === undefined ? [] : ["413", "415"]),
      ...(route.method === "GET" ? [] : ["409", "422"]),
      "429",
      "500",
      "503",
    ];
    for (const status of failures) responses[status] = PROBLEM_RESPONSE;

    paths[route.path] ??= {};
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: [...route.tags],
      ...(parameters.length > 0 ? { parameters } : {}),
      responses,
      security: route.scope === undefined ? [] : [{ apiKey: [route.scope] }],
      "x-orrery-scope": route.scope ?? null,
      "x-orrery-cost": route.cost,
    };
    if (route.request?.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: {
          "application/json": { schema: collector.toSchema(route.request.body, "input") },
        },
      };
    }
    const pathItem = paths[route.path];
    if (pathItem !== undefined) pathItem[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Orrery API",
      version: info.version,
      summary: "Natal charts, readings, synastry, transits and chart wheels.",
      description:
        "Errors are RFC 9457 problem documents (application/problem+json); every type is listed under /docs#problems. Every response carries X-Request-Id. POSTs accept Idempotency-Key.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...collector.components },
      responses: {
        Problem: {
          description: "An RFC 9457 problem; `code` says which (see x-orrery-problem-types).",
          headers: { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } },
          content: { "application/problem+json": { schema: problem } },
        },
      },
      headers: {
        "X-Request-Id": {
          description:
            "The request's id: the client's own when it sent a valid one, else a new one.",
          schema: { type: "string" },
        },
        ETag: { description: "Strong validator for If-None-Match.", schema: { type: "string" } },
      },
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "Authorization: Bearer <API key>. Operations list the scope they need.",
        },
      },
    },
    "x-orrery-problem-types": PROBLEM_TYPES.map((type) => ({
      type: `${PROBLEM_TYPE_BASE}${problemSlug(type.code)}`,
      code: type.code,
      status: type.status,
      description: type.description,
    })),
  };
}
