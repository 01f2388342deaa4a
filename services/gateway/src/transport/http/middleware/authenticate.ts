import { metrics } from "@opentelemetry/api";
import { DomainError } from "@orrery/errors";
import { parseApiKey } from "@orrery/key-contract";
import type { Request, Response } from "express";
import type { VerificationCache } from "../../../adapters/api-key-verification-cache.js";
import { authorize, invalidApiKey, presentedKey } from "../../../domain/authentication.js";
import type { AuthenticateGuard, MatchedRoute } from "../route.js";

const REALM = 'Bearer realm="orrery"';

function outcomeOf(error: unknown): string {
  if (!(error instanceof DomainError)) return "error";
  switch (error.code) {
    case "API_KEY_REQUIRED":
      return "missing";
    case "INVALID_API_KEY":
      return "invalid";
    case "ACCOUNT_SUSPENDED":
      return "suspended";
    case "INSUFFICIENT_SCOPE":
      return "insufficient_scope";
    default:
      return "error";
  }
}

/** RFC 6750 challenges: every 401 says how to authenticate; a scope 403 says which scope. */
function challenge(response: Response, error: unknown, route: MatchedRoute): void {
  if (!(error instanceof DomainError)) return;
  if (error.kind === "unauthenticated") {
    response.setHeader(
      "www-authenticate",
      error.code === "INVALID_API_KEY" ? `${REALM}, error="invalid_token"` : REALM,
    );
  } else if (error.code === "INSUFFICIENT_SCOPE") {
    response.setHeader(
      "www-authenticate",
      `${REALM}, error="insufficient_scope", scope="${route.scope ?? ""}"`,
    );
  }
}

/**
 * The authenticate guard: `Authorization: Bearer <key>` (or `X-API-Key`) → format and checksum (a typo never
 * reaches a cache or the api-key service) → L1/L2 cache → VerifyKey. Returns the verified key's
 * identity (account, plan, scopes, limit overrides) for rate limiting, usage events and
 * handlers. Routes without a scope are public: no identity, nothing checked.
 */
export function authenticate(cache: VerificationCache): AuthenticateGuard {
  // Instruments are made here, not at import: the meter provider exists only once the runtime started.
  const meter = metrics.getMeter("@orrery/gateway");
  const outcomes = meter.createCounter("gateway_authentications_total", {
    description:
      "API key checks by outcome (ok, missing, malformed, invalid, suspended, insufficient_scope, error) and where the verdict came from (checksum, l1, l2, rpc)",
  });
  const duration = meter.createHistogram("gateway_authentication_duration_seconds", {
    description: "Time spent authenticating a request, by verdict source (l1, l2, rpc)",
    unit: "s",
    advice: {
      explicitBucketBoundaries: [
        0.00001, 0.000025, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05,
      ],
    },
  });
  return async (route: MatchedRoute, request: Request, response: Response) => {
    const scope = route.scope;
    if (scope === undefined) return undefined;
    const started = performance.now();
    let source = "checksum";
    let outcome: string | undefined;
    try {
      const sent = request.headers["x-api-key"];
      const key = presentedKey(
        request.headers.authorization,
        Array.isArray(sent) ? sent.join(",") : sent,
      );
      if (parseApiKey(key) === undefined) {
        outcome = "malformed";
        throw invalidApiKey();
      }
      const looked = cache.cached(key) ?? (await cache.lookup(key));
      source = looked.source;
      const identity = authorize(looked.verdict, scope, Date.now());
      outcomes.add(1, { outcome: "ok", source });
      return identity;
    } catch (error) {
      outcomes.add(1, { outcome: outcome ?? outcomeOf(error), source });
      challenge(response, error, route);
      throw error;
    } finally {
      // The cost of reaching a verdict (any verdict), by where it came from.
      if (source !== "checksum") duration.record((performance.now() - started) / 1000, { source });
    }
  };
}
