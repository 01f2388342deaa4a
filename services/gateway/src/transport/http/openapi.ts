import type { ErrorCode } from "@orrery/errors";
import { z } from "zod";
import {
  createDocument,
  type oas31,
  type ZodOpenApiContentObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { PROBLEM_TYPE_BASE, problemSlug, statusForCode } from "./problem.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import type { RouteDefinition, RouteResponseSpec } from "./route.js";

/** RFC 9457 problem details as this API sends them. */
export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe(`${PROBLEM_TYPE_BASE}<code-in-kebab-case>; listed under "Problem types" in /docs.`),
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

const PROBLEM = { $ref: "#/components/responses/Problem" };
const REQUEST_ID_HEADER = { $ref: "#/components/headers/X-Request-Id" };

const IDEMPOTENCY_KEY_PARAMETER: oas31.ParameterObject = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: the same key and body within 24 h return the stored response (with Idempotent-Replayed: true); the same key with a different body is 422.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

function media(schema: z.ZodType | undefined, example: unknown) {
  return {
    ...(schema === undefined ? {} : { schema }),
    ...(example === undefined ? {} : { example }),
  };
}

function content(spec: RouteResponseSpec): ZodOpenApiContentObject {
  const types: ZodOpenApiContentObject = {
    [spec.contentType ?? "application/json"]: media(spec.schema, spec.example),
  };
  for (const [type, alternative] of Object.entries(spec.alternatives ?? {})) {
    types[type] = media(alternative.schema, alternative.example);
  }
  return types;
}

function problemStatuses(codes: readonly ErrorCode[]): string[] {
  return codes.map((code) => String(statusForCode(code)));
}

function operation(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status as `2${string}`] = {
      description: spec.description,
      headers: {
        "X-Request-Id": REQUEST_ID_HEADER,
        ...(route.cacheControl === undefined
          ? {}
          : { ETag: { $ref: "#/components/headers/ETag" } }),
        ...Object.fromEntries(
          Object.entries(spec.headers ?? {}).map(([name, header]) => [
            name,
            { description: header.description, schema: { type: "string" as const } },
          ]),
        ),
      },
      content: content(spec),
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
    ...problemStatuses(route.problems ?? []),
  ];
  for (const status of failures) responses[status as `4${string}`] = PROBLEM;

  const { body, query, params } = route.request ?? {};
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [...route.tags],
    requestParams: {
      ...(params === undefined ? {} : { path: params as z.ZodObject }),
      ...(query === undefined ? {} : { query: query as z.ZodObject }),
    },
    ...(route.method === "GET" ? {} : { parameters: [IDEMPOTENCY_KEY_PARAMETER] }),
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": media(body, route.example?.body) },
          },
        }),
    responses,
    security: route.scope === undefined ? [] : [{ apiKey: [route.scope] }],
    "x-orrery-scope": route.scope ?? null,
    "x-orrery-cost": route.cost,
  };
}

/** The problem types as a Markdown table: the reference page renders it in the introduction. */
function problemTypesMarkdown(): string {
  const rows = PROBLEM_TYPES.map(
    (type) =>
      `| \`${problemSlug(type.code)}\` | ${type.status} | \`${type.code}\` | ${type.description.replaceAll("|", "\\|")} |`,
  );
  return [
    "## Problem types",
    "",
    `Every error is an RFC 9457 \`application/problem+json\` document with \`type\` (${PROBLEM_TYPE_BASE} followed by the slug below), \`title\`, \`status\`, \`detail\`, \`code\` and \`requestId\`; validation failures list every bad field in \`errors[]\`.`,
    "",
    "| type | status | code | meaning |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export interface OpenApiInfo {
  readonly version: string;
}

/**
 * The OpenAPI 3.1 document of every registered route, generated (zod-openapi) from the same zod
 * schemas that validate requests, so the two cannot drift.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  info: OpenApiInfo,
): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(route),
    };
  }
  const document = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Orrery API",
      version: info.version,
      description: [
        "Natal charts, readings, synastry, transits and chart wheels.",
        "",
        "Errors are RFC 9457 problem documents (application/problem+json). Every response carries X-Request-Id. POSTs accept Idempotency-Key.",
        "",
        problemTypesMarkdown(),
      ].join("\n"),
    },
    servers: [{ url: "/" }],
    tags: [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name })),
    paths,
    components: {
      responses: {
        Problem: {
          description: "An RFC 9457 problem; `code` says which (see x-orrery-problem-types).",
          headers: { "X-Request-Id": REQUEST_ID_HEADER },
          content: { "application/problem+json": { schema: ProblemSchema } },
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
  });
  addParameterExamples(document, routes);
  return document;
}

/** Parameter examples: zod-openapi writes the parameters, this adds each one's example. */
function addParameterExamples(
  document: oas31.OpenAPIObject,
  routes: readonly RouteDefinition[],
): void {
  for (const route of routes) {
    const item = document.paths?.[route.path] as Record<string, oas31.OperationObject> | undefined;
    const parameters = item?.[route.method.toLowerCase()]?.parameters ?? [];
    const examples: Record<string, Record<string, unknown> | undefined> = {
      path: route.example?.params as Record<string, unknown> | undefined,
      query: route.example?.query as Record<string, unknown> | undefined,
    };
    for (const parameter of parameters) {
      if ("$ref" in parameter) continue;
      const value = examples[parameter.in]?.[parameter.name];
      if (value !== undefined) parameter.example = value;
    }
  }
}
