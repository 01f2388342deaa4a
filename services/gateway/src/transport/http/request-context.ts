import type { LimitOverrides } from "@orrery/policy";
import type { Response } from "express";
import type { QuotaUse } from "../../domain/rate-limit.js";

/**
 * What the gateway learns about a request as it passes through the middleware chain, in one
 * typed place instead of loose `res.locals` keys. Each field has one writer:
 * request id (request-id middleware), route (the route registry), auth (authentication),
 * rate limit (rate limiting), cache hit (the handler that consulted the cache).
 */
export interface RequestContext {
  requestId: string;
  /** The matched route, as declared: template path, required scope, cost in request units. */
  route?: { method: string; path: string; scope: string | undefined; cost: number };
  /** Set by authentication once the API key is verified. */
  auth?: {
    accountId: string;
    keyId: string;
    plan: string;
    scopes: readonly string[];
    /** "live" or "test", from the key's prefix. */
    environment: "live" | "test";
    /** The account's departures from its plan's limits (absent field = as the plan). */
    accountOverrides: LimitOverrides;
    /** The key's own departures; they can only lower the account's limits (libs/policy). */
    keyOverrides: LimitOverrides;
    /**
     * Day of month (1-28, UTC) the account's monthly quota resets on. When authentication does
     * not know it, rate limiting lets the rate-limit service look the account up instead.
     */
    billingCycleAnchorDay?: number;
  };
  /** Set by rate limiting: whether the request was refused for a limit. */
  rateLimited?: boolean;
  /** Set by rate limiting when the gateway charged the monthly quota itself (usage events). */
  quotaUse?: QuotaUse;
  /** Set by a handler that consulted the result cache. */
  cacheHit?: boolean;
}

export function requestContext(response: Response): RequestContext {
  const existing = response.locals.orrery as RequestContext | undefined;
  if (existing !== undefined) return existing;
  const created: RequestContext = { requestId: String(response.locals.requestId ?? "") };
  response.locals.orrery = created;
  return created;
}
