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
  /** A response stored under an Idempotency-Key, sent again: not charged to the quota. */
  readonly replayed?: boolean;
  /**
   * Units the handler charged to the quota itself (a batch's items, counted from its upload), for
   * the usage event and the quota it reports.
   */
  readonly charge?: { readonly units: number; readonly quotaUse: QuotaUse | undefined };
}

/**
 * What a handler returns; the registry writes it (and the idempotency layer may store it). A
 * streamed result (JSONL read from a service page by page) writes itself and is never stored.
 */
export type RouteResult =
  | (ResultCommon & {
      readonly contentType: string;
      /** Writes the body; `encoding` is the compression the client accepts, if any. */
      readonly stream: (write: StreamWriter) => Promise<void>;
    })
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

/** The sink of a streamed result: resolves once the chunk was taken (back-pressure). */
export type StreamWriter = (chunk: string) => Promise<void>;

interface ResponseSpecCommon {
  readonly description: string;
  /** Default application/json. */
  readonly contentType?: string;
  /** Extra content types served for the same status (e.g. image/svg+xml), each with an example. */
  readonly alternatives?: Readonly<
    Record<string, { readonly schema?: z.ZodType; readonly example?: unknown }>
  >;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

/**
 * A successful response. A body schema comes with an example of it (the unit tests parse each
 * example with its schema; /docs shows it): a declaration without one does not compile.
 */
export type RouteResponseSpec = ResponseSpecCommon &
  (
    | {
        /** Response body schema (documentation; tests check real responses against it). */
        readonly schema: z.ZodType;
        readonly example: unknown;
      }
    | {
        readonly schema?: undefined;
        /** An example body (text), when the body is not JSON described by a schema. */
        readonly example?: string;
      }
  );

/** What a declared schema parses to; undefined where the route declares none. */
export type Infer<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;
type Example<Schema> = Schema extends z.ZodType ? z.input<Schema> : never;

/**
 * A request that succeeds, in the schemas' input form: /docs prefills "Try it out" with it and
 * the tests send it. Ids in it (key_…, acc_…) stand for ones the caller owns.
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
  /**
   * API-key scope required, e.g. "charts:read"; undefined for a public route. What a request
   * costs in request units is not declared here: the policy file's route table is the one source
   * (libs/policy), read by rate limiting, /v1/usage and this document alike.
   */
  readonly scope: string | undefined;
  readonly request?: {
    readonly body?: BodySchema;
    readonly query?: QuerySchema;
    readonly params?: ParamsSchema;
  };
  /**
   * A body the handler reads itself from `request` as a stream (a batch upload, larger than
   * any body the registry buffers), documented under each media type it takes. Such a route
   * declares no `request.body`; its Idempotency-Key binds the route and parameters only.
   */
  readonly upload?: {
    readonly description: string;
    readonly content: Readonly<
      Record<string, { readonly schema?: z.ZodType; readonly example: unknown }>
    >;
  };
  /** Required whenever the route takes a body or path parameters. */
  readonly example?: RequestExample<BodySchema, QuerySchema, ParamsSchema>;
  /** Successful responses by status; problem responses are added to the document for every route. */
  readonly responses: Readonly<Record<number, RouteResponseSpec>>;
  /**
   * Problems the handler itself may answer with (the registry adds those of authentication, rate
   * limits, bodies, validation and idempotency): the document lists each under its status, so an
   * operation documents every status it can return.
   */
  readonly problems?: readonly ErrorCode[];
  /**
   * For fields the engine also checks: the engine's code for a bad value of each (by field
   * name), so a value the schema refuses carries the same code in errors[] as one the engine does.
   */
  readonly fieldCodes?: Readonly<Record<string, ErrorCode>>;
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
  /** Request units charged to the monthly quota (0 for a sandbox key or a free route). */
  readonly charged: number;
  /** A test key's request: counted against the sandbox limits, never billed. */
  readonly sandbox: boolean;
  /**
   * Gives the request's quota units back (the rates stay charged): the registry calls it when
   * the request is not billed after all, a refusal (4xx, 5xx) or an idempotent replay. Resolves
   * to the quota as the refund left it; never rejects (a failed refund is logged, the units stay).
   */
  readonly refund: (() => Promise<QuotaUse | undefined>) | undefined;
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
  /** Request units to charge instead of the route's (a batch's items, once they are counted). */
  cost?: number,
) => Promise<RateLimitVerdict>;

/** Guards in the order they run: authenticate → rate limit (→ idempotency → handler). */
export interface RouteGuards {
  readonly authenticate?: AuthenticateGuard;
  readonly rateLimit?: RateLimitGuard;
}

/** A route with a body or path parameters must carry a request example. */
type ExampleRequired<Body, Query, Params> = [Body] extends [z.ZodType]
  ? { readonly example: RequestExample<Body, Query, Params> }
  : [Params] extends [z.ZodType]
    ? { readonly example: RequestExample<Body, Query, Params> }
    : unknown;

/**
 * Keeps the schema types of each route while collecting them in one list, and holds each
 * declaration to the conventions that keep the contract exact: examples for requests with a
 * body or path parameters and for every response body with a schema.
 */
export function defineRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  ParamsSchema extends z.ZodType | undefined = undefined,
>(
  route: RouteDefinition<BodySchema, QuerySchema, ParamsSchema> &
    ExampleRequired<BodySchema, QuerySchema, ParamsSchema>,
): RouteDefinition<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined> {
  return route as unknown as RouteDefinition;
}
