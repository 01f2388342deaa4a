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
 * request with a tight deadline. Allowed → RateLimit-Policy and RateLimit headers, and a refund
 * of the quota units for the registry to call if the request is not billed after all. Refused →
 * a verdict carrying the 429 refusal (rate-limited for a burst or minute limit, quota-exceeded for
 * the month), with Retry-After and violated-policies. A test key is decided in the sandbox.
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

  const allowedUnchecked = (sandbox: boolean): RateLimitVerdict => ({
    refusal: undefined,
    quotaUse: undefined,
    charged: 0,
    sandbox,
    refund: undefined,
  });
  const refunder = (decision: RateLimitDecision) => {
    const { charge } = decision;
    const refund = options.checker.refund?.bind(options.checker);
    if (charge === undefined || refund === undefined) return undefined;
    return async () => {
      try {
        return await refund(charge);
      } catch (error) {
        options.logger.warn(
          { err: error, accountId: charge.accountId, units: charge.units },
          "quota refund failed: the units stay charged",
        );
        return decision.quota;
      }
    };
  };
  return async (route: MatchedRoute, auth: Identity, response: Response, cost?: number) => {
    const policy = options.policy();
    const failMode = isPlanName(auth.plan) ? policy.plan(auth.plan).failMode : "open";
    const sandbox = auth.environment === "test";

    let decision: RateLimitDecision;
    try {
      decision = await options.checker.check({
        accountId: auth.accountId,
        keyId: auth.keyId,
        route: route.key,
        cost: cost ?? policy.routeCost(route.key),
        account: accountLimitsOf(auth),
        keyOverrides: auth.keyOverrides,
        sandbox,
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
      return allowedUnchecked(sandbox);
    }

    if (decision.degraded) decisions.add(1, { outcome: "fail_open" });
    const headers = rateLimitHeaders(decision.limits);
    if (headers !== undefined) {
      response.setHeader("RateLimit-Policy", headers.policy);
      response.setHeader("RateLimit", headers.limit);
    }
    if (decision.allowed) {
      if (!decision.degraded) decisions.add(1, { outcome: "allowed" });
      return {
        refusal: undefined,
        quotaUse: decision.quota,
        charged: decision.charge?.units ?? 0,
        sandbox,
        refund: refunder(decision),
      };
    }
    decisions.add(1, { outcome: "refused" });
    const violated = decision.limits.filter((limit) => limit.exceeded).map((limit) => limit.name);
    // The monthly quota waits for the next cycle; a rate for a second or a minute.
    const quota = violated.some((name) => name.endsWith("month"));
    const refusal = new DomainError(
      quota ? "QUOTA_EXCEEDED" : "RATE_LIMITED",
      quota
        ? `Monthly quota used up (${violated.join(", ")}); it resets in ${decision.retryAfterSeconds} s.`
        : `Rate limit exceeded (${violated.join(", ")}); retry after ${decision.retryAfterSeconds} s.`,
      {
        metadata: {
          retryAfterSeconds: String(decision.retryAfterSeconds),
          "violated-policies": violated.join(","),
        },
      },
    );
    return { refusal, quotaUse: decision.quota, charged: 0, sandbox, refund: undefined };
  };
}
