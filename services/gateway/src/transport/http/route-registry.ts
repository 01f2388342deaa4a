import { createHash } from "node:crypto";
import { DomainError } from "@orrery/errors";
import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import type { ContentEncoding } from "./encoded-payloads.js";
import { isJsonContentType, parseJsonBody, readJsonBodyText } from "./json-body.js";
import type { IdempotencyGuard } from "./middleware/idempotency.js";
import { requestContext } from "./request-context.js";
import { ValidatedBodies } from "./validated-bodies.js";
import { type Violation, validationError, validationViolations } from "./validation.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler returns; the registry writes it (and the idempotency layer may store it). */
export type RouteResult =
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      /** Serialized with JSON.stringify. */
      readonly json: unknown;
    }
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly contentType: string;
      /** Already serialized: sent as is (cached results keep their bytes). */
      readonly payload: string | Buffer;
      /** The payload compressed, when the route keeps compressed forms (cached results). */
      readonly compressed?: (encoding: ContentEncoding) => Buffer;
    };

export interface RouteResponseSpec {
  readonly description: string;
  /** Response body schema (documentation; tests check real responses against it). */
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
  /** Extra content types served for the same status (e.g. image/svg+xml). */
  readonly alternatives?: Readonly<Record<string, { readonly schema?: z.ZodType }>>;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

type Infer<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

export interface RouteInput<Body, Query, Params> {
  readonly body: Body;
  readonly query: Query;
  readonly params: Params;
  readonly request: Request;
  readonly response: Response;
}

/** One public route, declared once: it is mounted in express and described in OpenAPI from this. */
export interface RouteDefinition<
  BodySchema extends z.ZodType | undefined = z.ZodType | undefined,
  QuerySchema extends z.ZodType | undefined = z.ZodType | undefined,
  ParamsSchema extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. "/v1/keys/{keyId}" (mounted in express as /v1/keys/:keyId). */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** API-key scope required, e.g. "charts:read"; undefined for a public route. */
  readonly scope: string | undefined;
  /** Cost in request units, charged by rate limiting (a chart 1, a reading 2, …). */
  readonly cost: number;
  readonly request?: {
    readonly body?: BodySchema;
    readonly query?: QuerySchema;
    readonly params?: ParamsSchema;
  };
  /** Successful responses by status; problem responses are added to the document for every route. */
  readonly responses: Readonly<Record<number, RouteResponseSpec>>;
  /**
   * For GET routes: Cache-Control of a 200. When set, the registry adds a strong ETag and
   * answers a matching If-None-Match with 304.
   */
  readonly cacheControl?: string;
  /**
   * false for a POST whose response carries a secret shown once (a new API key): such a response
   * is never stored for replay, so an Idempotency-Key is refused (400) instead of honoured.
   */
  readonly idempotent?: false;
  readonly handler: (
    input: RouteInput<Infer<BodySchema>, Infer<QuerySchema>, Infer<ParamsSchema>>,
  ) => Promise<RouteResult>;
}

/** The declared route as guards and the request context see it. */
export interface MatchedRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly scope: string | undefined;
  readonly cost: number;
  readonly operationId: string;
}

/**
 * A check run after route matching and before the body is read: authentication (sets
 * requestContext(response).auth) and rate limiting. A guard rejects by throwing a DomainError;
 * it may set response headers (e.g. RateLimit). Guards see public routes too (scope undefined)
 * and decide themselves what to do with them.
 */
export type RouteGuard = (
  route: MatchedRoute,
  request: Request,
  response: Response,
) => Promise<void>;

/** Guards in the order they run: authenticate → rate limit (→ idempotency → handler). */
export interface RouteGuards {
  readonly authenticate?: RouteGuard;
  readonly rateLimit?: RouteGuard;
}

/** Keeps the schema types of each route while collecting them in one list. */
export function defineRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  ParamsSchema extends z.ZodType | undefined = undefined,
>(
  route: RouteDefinition<BodySchema, QuerySchema, ParamsSchema>,
): RouteDefinition<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined> {
  return route as unknown as RouteDefinition;
}

export interface MountOptions {
  readonly guards: RouteGuards;
  readonly idempotency: IdempotencyGuard;
  /** Largest accepted request body, bytes (413 above it). */
  readonly maxBodyBytes: number;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function expressPath(template: string): string {
  return template.replaceAll(/\{([A-Za-z0-9_]+)\}/g, ":$1");
}

/** A body was sent: some bytes announced, or a chunked stream. */
function hasBody(request: Request): boolean {
  const length = request.headers["content-length"];
  if (length !== undefined) return Number(length) > 0;
  return request.headers["transfer-encoding"] !== undefined;
}

export function writeResult(
  request: Request,
  response: Response,
  result: RouteResult,
  cacheControl?: string,
): void {
  const status = result.status ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  let payload: string | Buffer;
  if ("json" in result) {
    payload = JSON.stringify(result.json);
    response.setHeader("content-type", JSON_TYPE);
  } else {
    payload = result.payload;
    response.setHeader("content-type", result.contentType);
    const encoding =
      result.compressed === undefined || payload.length < MIN_COMPRESSED_BYTES
        ? undefined
        : acceptedEncoding(request.headers["accept-encoding"]);
    if (result.compressed !== undefined)
      response.setHeader("vary", varyWithEncoding(response.getHeader("vary")));
    if (encoding !== undefined && result.compressed !== undefined) {
      payload = result.compressed(encoding);
      response.setHeader("content-encoding", encoding);
    }
  }
  if (cacheControl !== undefined && status === 200 && request.method === "GET") {
    const etag = `"${createHash("sha256").update(payload).digest("base64url").slice(0, 32)}"`;
    response.setHeader("etag", etag);
    response.setHeader("cache-control", cacheControl);
    if (ifNoneMatchHits(request.headers["if-none-match"], etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
  } else if (!response.hasHeader("cache-control")) {
    response.setHeader("cache-control", "no-store");
  }
  // Written directly: express's send() would re-derive type, length and freshness.
  response.statusCode = status;
  response.setHeader("content-length", Buffer.byteLength(payload));
  response.end(payload);
}

/** Below this a body is not worth compressing (the compression middleware's threshold too). */
const MIN_COMPRESSED_BYTES = 1_024;

/** br when the client takes it, else gzip, else none (a q=0 refuses an encoding). */
export function acceptedEncoding(header: string | undefined): ContentEncoding | undefined {
  if (header === undefined) return undefined;
  const offered = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...parameters] = part.trim().toLowerCase().split(";");
    const quality = parameters
      .map((parameter) => parameter.trim())
      .find((parameter) => parameter.startsWith("q="));
    offered.set(name ?? "", quality === undefined ? 1 : Number(quality.slice(2)));
  }
  const wildcard = offered.get("*");
  for (const encoding of ["br", "gzip"] as const) {
    const quality = offered.get(encoding) ?? wildcard;
    if (quality !== undefined && quality > 0) return encoding;
  }
  return undefined;
}

function varyWithEncoding(current: number | string | string[] | undefined): string {
  const existing = current === undefined ? "" : String(current);
  return existing === "" ? "Accept-Encoding" : `${existing}, Accept-Encoding`;
}

function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .includes(etag);
}

/**
 * Mounts every route on a router: match → record the route in the request context → guards →
 * content type and body (415, 413, malformed JSON) → validation (400 listing every bad field,
 * unknown fields rejected) → idempotency (POST) → handler. A known path with another method
 * answers 405 with Allow.
 */
export function mountRoutes(
  router: Router,
  routes: readonly RouteDefinition[],
  options: MountOptions,
): void {
  const guards = [options.guards.authenticate, options.guards.rateLimit].filter(
    (guard): guard is RouteGuard => guard !== undefined,
  );

  const methodsByPath = new Map<string, HttpMethod[]>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? [];
    if (methods.includes(route.method)) {
      throw new Error(`route ${route.method} ${route.path} is declared twice`);
    }
    methods.push(route.method);
    methodsByPath.set(route.path, methods);

    const matched: MatchedRoute = {
      method: route.method,
      path: route.path,
      scope: route.scope,
      cost: route.cost,
      operationId: route.operationId,
    };
    const bodySchema = route.request?.body;
    const validatedBodies = bodySchema === undefined ? undefined : new ValidatedBodies();
    const querySchema = route.request?.query;
    const paramsSchema = route.request?.params;

    const chain = async (request: Request, response: Response, next: NextFunction) => {
      try {
        requestContext(response).route = {
          method: matched.method,
          path: matched.path,
          scope: matched.scope,
          cost: matched.cost,
        };
        for (const guard of guards) await guard(matched, request, response);

        let body: unknown;
        let bodyText: string | undefined;
        if (bodySchema !== undefined) {
          if (hasBody(request)) {
            if (!isJsonContentType(request.headers["content-type"])) {
              throw new DomainError(
                "UNSUPPORTED_MEDIA_TYPE",
                `The request body must be application/json, not ${request.headers["content-type"] ?? "untyped"}.`,
              );
            }
            bodyText = await readJsonBodyText(request, response, options.maxBodyBytes);
          }
        } else if (hasBody(request)) {
          throw new DomainError(
            "UNEXPECTED_BODY",
            `${route.method} ${route.path} takes no request body.`,
          );
        }
        const violations: Violation[] = [];
        // The same body text validates the same way every time: repeats (popular inputs) reuse
        // the earlier result instead of parsing and validating again.
        const remembered = bodyText === undefined ? undefined : validatedBodies?.get(bodyText);
        let parsedBody: unknown;
        if (remembered !== undefined) {
          body = remembered.body;
          parsedBody = remembered.parsed;
        } else {
          if (bodyText !== undefined) body = parseJsonBody(bodyText);
          parsedBody = validate(bodySchema, body, "", violations);
          if (bodyText !== undefined && violations.length === 0) {
            validatedBodies?.remember(bodyText, body, parsedBody);
          }
        }
        // request.query parses the query string on access: only routes that declare one pay for it.
        const parsedQuery =
          querySchema === undefined
            ? {}
            : validate(querySchema, request.query, "query:", violations);
        const parsedParams =
          paramsSchema === undefined
            ? request.params
            : validate(paramsSchema, request.params, "path:", violations);
        if (violations.length > 0) throw validationError(violations);

        const input = {
          body: parsedBody,
          query: parsedQuery,
          params: parsedParams,
          request,
          response,
        };
        const run = () => route.handler(input as never);
        const result =
          route.method === "GET"
            ? await run()
            : route.idempotent === false
              ? await runWithoutIdempotency(request, run)
              : await options.idempotency.run(matched, request, response, body, run);
        if (result !== undefined) writeResult(request, response, result, route.cacheControl);
      } catch (error) {
        next(error);
      }
    };
    router[route.method.toLowerCase() as "get"](expressPath(route.path), chain);
  }

  for (const [path, methods] of methodsByPath) {
    const allowed = methods.includes("GET") ? [...methods, "HEAD"] : methods;
    router.all(expressPath(path), (request, response, next) => {
      if (request.method === "OPTIONS") {
        response
          .setHeader("allow", [...allowed, "OPTIONS"].join(", "))
          .status(204)
          .end();
        return;
      }
      response.setHeader("allow", allowed.join(", "));
      next(
        new DomainError(
          "METHOD_NOT_ALLOWED",
          `${request.method} is not allowed on ${path}; allowed: ${allowed.join(", ")}.`,
        ),
      );
    });
  }
}

function runWithoutIdempotency(
  request: Request,
  run: () => Promise<RouteResult>,
): Promise<RouteResult> {
  if (request.header("idempotency-key") !== undefined) {
    throw new DomainError(
      "IDEMPOTENCY_KEY_NOT_SUPPORTED",
      "This route returns a secret exactly once and never stores its response, so it cannot honour Idempotency-Key; list the resources to see whether an earlier attempt succeeded.",
    );
  }
  return run();
}

function validate(
  schema: z.ZodType | undefined,
  value: unknown,
  prefix: string,
  violations: Violation[],
): unknown {
  if (schema === undefined) return value;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  violations.push(...validationViolations(parsed.error.issues, prefix));
  return undefined;
}
