import { DomainError, isDomainError } from "@orrery/errors";
import { isPlanName, type Policy } from "@orrery/policy";
import { type Logger, lazyCounter } from "@orrery/telemetry";
import type { Response } from "express";
import type { Identity } from "../../../domain/authentication.js";
import {
  accountLimitsOf,
  type RateLimitDecider,
  type RateLimitDecision,
  RateLimitUndecided,
} from "../../../domain/rate-limit.js";
import { rateLimitHeaders } from "../../../domain/rate-limit-headers.js";
import type { MatchedRoute, RateLimitGuard, RateLimitVerdict } from "../route.js";

const decisions = lazyCounter("@orrery/gateway", "gateway_ratelimit_decisions_total", {
  description:
    "Rate-limit decisions by outcome: allowed, refused, fail_open (allowed while the rate-limit service or its Redis could not decide), fail_closed",
});

export interface EnforceRateLimitsOptions {
  readonly checker: RateLimitDecider;
  readonly policy: () => Policy;
  readonly logger: Logger;
  /** Warn about fail-open at most this often; the counter carries the volume. */
  readonly warnEveryMs?: number;
}

function unavailable(cause: unknown): DomainError {
  return new DomainError(
    "RATE_LIMIT_UNAVAILABLE",
    "Limits cannot be checked right now; try again shortly.",
    { metadata: { retryAfterSeconds: "1" }, cause },
  );
}

/**
 * The rate-limit route guard (after authentication, for authenticated callers): one decision per
 * request with a tight deadline. Allowed → RateLimit-Policy and RateLimit headers. Refused → a
 * verdict carrying the 429 quota-exceeded refusal, with Retry-After and violated-policies.
 * Undecided (Redis or the service unreachable) → the plan's fail mode: open lets the request
 * through (metric, throttled warning), closed throws 503.
 */
export function enforceRateLimits(options: EnforceRateLimitsOptions): RateLimitGuard {
  let lastWarning = 0;
  const warnFailOpen = (error: unknown) => {
    const now = Date.now();
    if (now - lastWarning < (options.warnEveryMs ?? 10_000)) return;
    lastWarning = now;
    options.logger.warn({ err: error }, "rate limits not checked: allowing requests (fail-open)");
  };

  const allowedUnchecked: RateLimitVerdict = { refusal: undefined, quotaUse: undefined };
  return async (route: MatchedRoute, auth: Identity, response: Response) => {
    const policy = options.policy();
    const failMode = isPlanName(auth.plan) ? policy.plan(auth.plan).failMode : "open";

    let decision: RateLimitDecision;
    try {
      decision = await options.checker.check({
        accountId: auth.accountId,
        keyId: auth.keyId,
        route: route.key,
        cost: policy.routeCost(route.key, { fallback: route.cost }),
        account: accountLimitsOf(auth),
        keyOverrides: auth.keyOverrides,
      });
    } catch (error) {
      if (!(error instanceof RateLimitUndecided)) {
        // The service's own answer; "unavailable" is its fail-closed refusal (RATE_LIMIT_UNAVAILABLE).
        if (isDomainError(error) && error.kind === "unavailable") {
          decisions.add(1, { outcome: "fail_closed" });
        }
        throw error;
      }
      if (failMode === "closed") {
        decisions.add(1, { outcome: "fail_closed" });
        throw unavailable(error);
      }
      decisions.add(1, { outcome: "fail_open" });
      warnFailOpen(error);
      return allowedUnchecked;
    }

    if (decision.degraded) decisions.add(1, { outcome: "fail_open" });
    const headers = rateLimitHeaders(decision.limits);
    if (headers !== undefined) {
      response.setHeader("RateLimit-Policy", headers.policy);
      response.setHeader("RateLimit", headers.limit);
    }
    if (decision.allowed) {
      if (!decision.degraded) decisions.add(1, { outcome: "allowed" });
      return { refusal: undefined, quotaUse: decision.quota };
    }
    decisions.add(1, { outcome: "refused" });
    const violated = decision.limits.filter((limit) => limit.exceeded).map((limit) => limit.name);
    const refusal = new DomainError(
      "QUOTA_EXCEEDED",
      `Rate limit exceeded (${violated.join(", ")}); retry after ${decision.retryAfterSeconds} s.`,
      {
        metadata: {
          retryAfterSeconds: String(decision.retryAfterSeconds),
          "violated-policies": violated.join(","),
        },
      },
    );
    return { refusal, quotaUse: decision.quota };
  };
}
