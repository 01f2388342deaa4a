import type { DomainError, ErrorCode } from "@orrery/errors";
import type { Request, Response } from "express";
import type { z } from "zod";
import type { Identity } from "../../domain/authentication.js";
import type { QuotaUse } from "../../domain/rate-limit.js";
import type { ContentEncoding } from "./encoded-payloads.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface ResultCommon {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The result came from the result cache (usage events count it). */
  readonly cacheHit?: boolean;
}

/** What a handler returns; the registry writes it (and the idempotency layer may store it). */
export type RouteResult =
  | (ResultCommon & {
      /** Serialized with JSON.stringify. */
      readonly json: unknown;
    })
  | (ResultCommon & {
      readonly contentType: string;
      /** Already serialized: sent as is (cached results keep their bytes). */
      readonly payload: string | Buffer;
      /** The payload compressed, when the route keeps compressed forms (cached results). */
      readonly compressed?: (encoding: ContentEncoding) => Buffer | Promise<Buffer>;
    });

export interface RouteResponseSpec {
  readonly description: string;
  /** Response body schema (documentation; tests check real responses against it). */
  readonly schema?: z.ZodType;
  /** An example body (the tests parse it with `schema`; /docs shows it). */
  readonly example?: unknown;
  /** Default application/json. */
  readonly contentType?: string;
  /** Extra content types served for the same status (e.g. image/svg+xml), each with an example. */
  readonly alternatives?: Readonly<
    Record<string, { readonly schema?: z.ZodType; readonly example?: unknown }>
  >;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

type Infer<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;
type Example<Schema> = Schema extends z.ZodType ? z.input<Schema> : never;

/**
 * A request that succeeds, in the schemas' input form: /docs prefills "Try it out" with it and
 * the tests send it.
 */
export type RequestExample<Body, Query, Params> = ([Body] extends [z.ZodType]
  ? { readonly body: Example<Body> }
  : { readonly body?: never }) &
  ([Query] extends [z.ZodType] ? { readonly query?: Example<Query> } : { readonly query?: never }) &
  ([Params] extends [z.ZodType]
    ? { readonly params: Example<Params> }
    : { readonly params?: never });

export interface RouteInput<Body, Query, Params> {
  readonly body: Body;
  readonly query: Query;
  readonly params: Params;
  readonly request: Request;
  /** Who the authenticate guard verified; undefined on public routes (and without the guard). */
  readonly caller: Identity | undefined;
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
  readonly example?: RequestExample<BodySchema, QuerySchema, ParamsSchema>;
  /** Successful responses by status; problem responses are added to the document for every route. */
  readonly responses: Readonly<Record<number, RouteResponseSpec>>;
  /**
   * Problems the handler itself may answer with beyond the ones every route of its kind can
   * (validation, authentication, limits): the document lists each under its status.
   */
  readonly problems?: readonly ErrorCode[];
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
  /** "POST /v1/charts": how rate limits, usage events and metrics name the route. */
  readonly key: string;
}

/**
 * Runs after route matching, before the body is read: returns who is calling (undefined on a
 * public route) or throws a DomainError (401/403). May set headers (WWW-Authenticate).
 */
export type AuthenticateGuard = (
  route: MatchedRoute,
  request: Request,
  response: Response,
) => Promise<Identity | undefined>;

export interface RateLimitVerdict {
  /** Set when a limit refuses the request: what to answer (429). */
  readonly refusal: DomainError | undefined;
  /** The monthly quota as the charge left it, when the gateway charged it itself. */
  readonly quotaUse: QuotaUse | undefined;
}

/**
 * Runs after authentication, for authenticated requests: charges the caller's limits and sets
 * the RateLimit headers; throws a DomainError when limits cannot be decided and the plan fails
 * closed (503).
 */
export type RateLimitGuard = (
  route: MatchedRoute,
  caller: Identity,
  response: Response,
) => Promise<RateLimitVerdict>;

/** Guards in the order they run: authenticate → rate limit (→ idempotency → handler). */
export interface RouteGuards {
  readonly authenticate?: AuthenticateGuard;
  readonly rateLimit?: RateLimitGuard;
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
