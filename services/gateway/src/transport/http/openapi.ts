import { type ErrorCode, errorCodeEntry, PUBLIC_ERROR_CODES } from "@orrery/errors";
import type { Policy } from "@orrery/policy";
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
import type { RelayedOperation } from "./relayed-operation.js";
import type { RouteDefinition, RouteResponseSpec } from "./route.js";
import { v1EventsStreamGet } from "./v1-events-stream-get.js";
import { v1RealtimeGet } from "./v1-realtime-get.js";

/** Realtime's endpoints, relayed by the gateway before its routes: documented, not mounted. */
export const RELAYED_OPERATIONS: readonly RelayedOperation[] = [v1RealtimeGet, v1EventsStreamGet];

/** RFC 9457 problem details as this API sends them. */
export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe(`${PROBLEM_TYPE_BASE}<code-in-kebab-case>; listed under "Problem types" in /docs.`),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .enum(PUBLIC_ERROR_CODES as [ErrorCode, ...ErrorCode[]])
      .describe("Stable machine-readable code, e.g. VALIDATION_FAILED."),
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

const REQUEST_ID_HEADER = { $ref: "#/components/headers/X-Request-Id" };

/** Idempotency-Key as the middleware checks it: printable ASCII without spaces. */
export const IDEMPOTENCY_KEY_PATTERN = "^[!-~]{1,255}$";

const IDEMPOTENCY_KEY_PARAMETER: oas31.ParameterObject = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: the same key and body within 24 h return the stored response (with Idempotent-Replayed: true, and not charged again); the same key with a different body is 422.",
  schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
  example: "2f1c9a4e-7b1d-4c55-9d0e-5a8a3c1e7f20",
};

/** The shared problem response of each status an operation can answer with. */
const STATUS_COMPONENTS: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  413: "ContentTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableContent",
  429: "TooManyRequests",
  431: "RequestHeaderFieldsTooLarge",
  500: "InternalServerError",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

const STATUS_HEADERS: Readonly<Record<number, Readonly<Record<string, { $ref: string }>>>> = {
  401: { "WWW-Authenticate": { $ref: "#/components/headers/WWW-Authenticate" } },
  403: { "WWW-Authenticate": { $ref: "#/components/headers/WWW-Authenticate" } },
  429: {
    "Retry-After": { $ref: "#/components/headers/Retry-After" },
    RateLimit: { $ref: "#/components/headers/RateLimit" },
    "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
  },
  503: { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
};

/** Problems every operation can answer with: a request the server will not read, and its own failure. */
const ALWAYS: readonly ErrorCode[] = ["HEADERS_TOO_LARGE", "TOO_MANY_HEADERS", "INTERNAL_ERROR"];
const AUTHENTICATED: readonly ErrorCode[] = [
  "API_KEY_REQUIRED",
  "INVALID_API_KEY",
  "INSUFFICIENT_SCOPE",
  "ACCOUNT_SUSPENDED",
  "RATE_LIMITED",
  "QUOTA_EXCEEDED",
  "RATE_LIMIT_UNAVAILABLE",
];
const WITH_BODY: readonly ErrorCode[] = [
  "MALFORMED_JSON",
  "DUPLICATE_JSON_KEY",
  "INVALID_UTF8",
  "UNSUPPORTED_ENCODING",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
];
const IDEMPOTENT: readonly ErrorCode[] = [
  "INVALID_IDEMPOTENCY_KEY",
  "IDEMPOTENCY_KEY_IN_USE",
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_UNAVAILABLE",
];

/**
 * Every problem an operation can answer with: those its features bring (authentication and
 * limits for a scoped route, body reading, validation, Idempotency-Key) and those its handler
 * declares. The route registry raises exactly these, so the list is derived, not written.
 */
export function operationProblems(route: RouteDefinition): ErrorCode[] {
  const codes = new Set<ErrorCode>(ALWAYS);
  const add = (list: readonly ErrorCode[]) => {
    for (const code of list) codes.add(code);
  };
  if (route.scope !== undefined) add(AUTHENTICATED);
  if (route.request !== undefined) codes.add("VALIDATION_FAILED");
  if (route.request?.body !== undefined || route.upload !== undefined) add(WITH_BODY);
  else codes.add("UNEXPECTED_BODY");
  if (route.method !== "GET") {
    if (route.idempotent === false) codes.add("IDEMPOTENCY_KEY_NOT_SUPPORTED");
    else add(IDEMPOTENT);
  }
  add(route.problems ?? []);
  return [...codes];
}

function problemList(codes: readonly ErrorCode[]): string {
  return codes.map((code) => `\`${problemSlug(code)}\``).join(", ");
}

function content(spec: RouteResponseSpec): ZodOpenApiContentObject {
  const types: ZodOpenApiContentObject = {
    [spec.contentType ?? "application/json"]: {
      ...(spec.schema === undefined ? {} : { schema: spec.schema }),
      ...(spec.example === undefined ? {} : { example: spec.example }),
    },
  };
  for (const [type, alternative] of Object.entries(spec.alternatives ?? {})) {
    types[type] = {
      ...(alternative.schema === undefined ? {} : { schema: alternative.schema }),
      ...(alternative.example === undefined ? {} : { example: alternative.example }),
    };
  }
  return types;
}

function costSentence(cost: number): string {
  return cost > 0
    ? `Costs ${cost} request unit${cost === 1 ? "" : "s"} of the monthly quota, charged only when it succeeds (a refusal or an idempotent replay is free); counts toward the burst and per-minute limits.`
    : "Free of request units; counts toward the burst and per-minute limits.";
}

function operation(route: RouteDefinition, policy: Policy): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status as `2${string}`] = {
      description: spec.description,
      headers: {
        "X-Request-Id": REQUEST_ID_HEADER,
        ...(route.cacheControl === undefined
          ? {}
          : { ETag: { $ref: "#/components/headers/ETag" } }),
        ...(route.scope === undefined
          ? {}
          : {
              RateLimit: { $ref: "#/components/headers/RateLimit" },
              "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
            }),
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
    responses["304"] = {
      description: "Not modified: the If-None-Match ETag is current.",
      headers: { "X-Request-Id": REQUEST_ID_HEADER, ETag: { $ref: "#/components/headers/ETag" } },
    };
  }
  Object.assign(responses, problemResponses(operationProblems(route)));

  const { body, query, params } = route.request ?? {};
  const cost = policy.routeCost(`${route.method} ${route.path}`);
  const description = [
    route.description,
    route.scope === undefined ? undefined : costSentence(cost),
  ].filter((part) => part !== undefined);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(description.length === 0 ? {} : { description: description.join("\n\n") }),
    tags: [...route.tags],
    requestParams: {
      ...(params === undefined ? {} : { path: params as z.ZodObject }),
      ...(query === undefined ? {} : { query: query as z.ZodObject }),
    },
    ...(route.method === "GET" || route.idempotent === false
      ? {}
      : { parameters: [IDEMPOTENCY_KEY_PARAMETER] }),
    ...(route.upload === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: route.upload.description,
            content: Object.fromEntries(
              Object.entries(route.upload.content).map(([type, media]) => [
                type,
                {
                  ...(media.schema === undefined ? {} : { schema: media.schema }),
                  example: media.example,
                },
              ]),
            ),
          },
        }),
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            // An optional body schema (a rotation's options) may be left out entirely.
            required: !body.safeParse(undefined).success,
            content: {
              "application/json": {
                schema: body,
                ...(route.example?.body === undefined ? {} : { example: route.example.body }),
              },
            },
          },
        }),
    responses,
    security:
      route.scope === undefined
        ? []
        : [{ bearerAuth: [route.scope] }, { apiKeyHeader: [route.scope] }],
    "x-orrery-scope": route.scope ?? null,
    "x-orrery-cost": route.scope === undefined ? 0 : cost,
    "x-orrery-problems": operationProblems(route),
  };
}

/** The shared problem response of each status the codes map to, listing the codes. */
function problemResponses(problems: readonly ErrorCode[]): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of problems) {
    const status = statusForCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const component = STATUS_COMPONENTS[status];
    if (component === undefined) throw new Error(`no problem response component for ${status}`);
    responses[String(status) as `4${string}`] = {
      $ref: `#/components/responses/${component}`,
      description: `Problem types: ${problemList(codes)}.`,
    } as never;
  }
  return responses;
}

/** A relayed operation (WebSocket upgrade, event stream) as the document describes it. */
function relayedOperation(relayed: RelayedOperation): ZodOpenApiOperationObject {
  return {
    operationId: relayed.operationId,
    summary: relayed.summary,
    description: `${relayed.description}\n\nFree of request units and outside the burst and per-minute limits: open connections count toward the plan's realtimeConnections instead.`,
    tags: [...relayed.tags],
    parameters: [...relayed.parameters],
    responses: { ...relayed.responses, ...problemResponses(relayed.problems) },
    security: [{ bearerAuth: [relayed.scope] }, { apiKeyHeader: [relayed.scope] }],
    "x-orrery-scope": relayed.scope,
    "x-orrery-cost": 0,
    "x-orrery-problems": [...relayed.problems],
    "x-orrery-relayed": true,
  };
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
  policy: Policy,
): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(route, policy),
    };
  }
  for (const relayed of RELAYED_OPERATIONS) {
    paths[relayed.path] = {
      ...paths[relayed.path],
      [relayed.method.toLowerCase()]: relayedOperation(relayed),
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
    tags: [
      ...new Set([...routes, ...RELAYED_OPERATIONS].flatMap((operation) => operation.tags)),
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: ProblemSchema },
      responses: statusResponses(),
      headers: {
        "X-Request-Id": {
          description:
            "The request's id: the client's own when it sent a valid one, else a new one.",
          schema: { type: "string" },
        },
        ETag: { description: "Strong validator for If-None-Match.", schema: { type: "string" } },
        RateLimit: {
          description:
            'draft-ietf-httpapi-ratelimit-headers: the policy closest to exhaustion (or the one that refused), e.g. "minute";r=599;t=60.',
          schema: { type: "string" },
        },
        "RateLimit-Policy": {
          description:
            'Every limit of the request, e.g. "burst";q=25;w=1, "minute";q=600;w=60, "month";q=250000;w=2592000;qu="requests".',
          schema: { type: "string" },
        },
        "Retry-After": {
          description: "Seconds until the request can succeed.",
          schema: { type: "string", pattern: "^[0-9]+$" },
        },
        "WWW-Authenticate": {
          description: 'RFC 6750 challenge, e.g. Bearer realm="orrery", error="invalid_token".',
          schema: { type: "string" },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Authorization: Bearer <API key>. Operations list the scope they need.",
        },
        apiKeyHeader: {
          type: "apiKey",
          in: "header",
          name: "X-API-Key",
          description:
            "X-API-Key: <API key>, the same key as a header of its own (sent with Authorization too, both must carry the same key).",
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
  dropFormatPatterns(document);
  return document;
}

/**
 * zod writes its own regex beside `format: date-time` / `date`; the format alone says it, as a
 * reader and a generated client expect (the server still checks with zod's).
 */
function dropFormatPatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropFormatPatterns(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const schema = node as Record<string, unknown>;
  if ((schema.format === "date-time" || schema.format === "date") && "pattern" in schema) {
    delete schema.pattern;
  }
  for (const value of Object.values(schema)) dropFormatPatterns(value);
}

/** One shared response per problem status, listing the problem types it carries. */
function statusResponses(): Record<string, oas31.ResponseObject> {
  const responses: Record<string, oas31.ResponseObject> = {};
  for (const [status, name] of Object.entries(STATUS_COMPONENTS)) {
    const types = PROBLEM_TYPES.filter((type) => type.status === Number(status));
    responses[name] = {
      description: `An RFC 9457 problem: ${problemList(types.map((type) => type.code))}.`,
      headers: { "X-Request-Id": REQUEST_ID_HEADER, ...STATUS_HEADERS[Number(status)] },
      content: {
        "application/problem+json": {
          schema: { $ref: "#/components/schemas/Problem" },
          example: problemExample(types[0]?.code ?? "INTERNAL_ERROR"),
        },
      },
    };
  }
  return responses;
}

function problemExample(code: ErrorCode): Record<string, unknown> {
  return {
    type: `${PROBLEM_TYPE_BASE}${problemSlug(code)}`,
    title: errorCodeEntry(code).title,
    status: statusForCode(code),
    detail: errorCodeEntry(code).description,
    code,
    requestId: "req_3f0c8a1e5b7d4c2a9e6f1b0d8c7a5e3f",
  };
}
