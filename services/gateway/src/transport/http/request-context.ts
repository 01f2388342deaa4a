import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import type { Identity } from "../../domain/authentication.js";
import type { QuotaUse } from "../../domain/rate-limit.js";
import type { MatchedRoute } from "./route.js";

/**
 * What the route registry learns while it runs a request, from values handed to it: the route it
 * matched, the identity the authenticate guard returned, the rate-limit guard's verdict and
 * whether the handler's result came from the cache. The registry is their only writer.
 */
export interface RouteFacts {
  route: MatchedRoute | undefined;
  caller: Identity | undefined;
  /** Refused for a limit (429). */
  rateLimited: boolean;
  /** The monthly quota as this request left it, when the gateway charged it itself. */
  quotaUse: QuotaUse | undefined;
  /** Request units this request was charged (0 once refunded). */
  charged: number;
  /** A test key's request: counted against the sandbox, never billed. */
  sandbox: boolean;
  cacheHit: boolean;
}

/**
 * One request, as the observers (tracing, usage events, the error mapper) read it once the
 * response is done: its id and arrival time, fixed when it arrives, and the route registry's facts.
 */
export interface RequestContext extends Readonly<RouteFacts> {
  /** Also the X-Request-Id response header. */
  readonly requestId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
}

type Context = RouteFacts & Pick<RequestContext, "requestId" | "startedAt">;

// Keyed by the request itself: nothing is added to express's objects (res.locals stays empty).
const contexts = new WeakMap<IncomingMessage, Context>();

// A client-sent id is echoed only when it is short and plain, so it is safe in logs and headers.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The first middleware: gives the request its context and its id (the client's own X-Request-Id
 * when valid, otherwise a new one), which every response carries.
 */
export function requestContext(request: Request, response: Response, next: NextFunction): void {
  const sent = request.headers["x-request-id"];
  const requestId =
    typeof sent === "string" && CLIENT_REQUEST_ID.test(sent)
      ? sent
      : `req_${randomUUID().replaceAll("-", "")}`;
  contexts.set(request, {
    requestId,
    startedAt: performance.now(),
    route: undefined,
    caller: undefined,
    rateLimited: false,
    quotaUse: undefined,
    charged: 0,
    sandbox: false,
    cacheHit: false,
  });
  response.setHeader("x-request-id", requestId);
  next();
}

function contextOf(request: IncomingMessage): Context {
  const context = contexts.get(request);
  if (context === undefined) throw new Error("the requestContext middleware did not run");
  return context;
}

export function requestContextOf(request: IncomingMessage): RequestContext {
  return contextOf(request);
}

/** For the route registry only: the facts it records as it runs the request. */
export function routeFactsOf(request: IncomingMessage): RouteFacts {
  return contextOf(request);
}
