import type { EffectiveLimits, LimitOverrides, PlanName, Policy } from "@orrery/policy";
import {
  type LimitCheck,
  type LimitName,
  type LimitOutcome,
  limitChecks,
  type StoreDecision,
} from "./limits.js";

/** One limit as a client sees it (the RateLimit headers, GET /v1/usage). */
export interface LimitState {
  readonly name: LimitName;
  readonly limit: number;
  readonly remaining: number;
  readonly windowSeconds: number;
  /** Seconds (rounded up) until the limit is fully available again. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
  /** For a quota: units used in the cycle. */
  readonly used: number;
}

/**
 * The limit with the smallest share left: the one the RateLimit header names and a client
 * should watch.
 */
export function closestToExhaustion<State extends Pick<LimitState, "limit" | "remaining">>(
  states: readonly State[],
): State | undefined {
  let closest: State | undefined;
  for (const state of states) {
    if (
      closest === undefined ||
      state.remaining * Math.max(closest.limit, 1) < closest.remaining * Math.max(state.limit, 1)
    ) {
      closest = state;
    }
  }
  return closest;
}

export function limitState(outcome: LimitOutcome): LimitState {
  return {
    name: outcome.name,
    limit: outcome.limit,
    remaining: outcome.remaining,
    windowSeconds: outcome.windowSeconds,
    resetSeconds: Math.ceil(outcome.resetMs / 1000),
    exceeded: outcome.exceeded,
    used: outcome.used,
  };
}

/**
 * Whole seconds after which a refused request fits: the longest wait of the limits it exceeded,
 * rounded up and at least 1, so a client that waits this long finds room. 0 when allowed.
 */
export function retryAfterSeconds(decision: StoreDecision): number {
  if (decision.allowed) return 0;
  let longestMs = 0;
  for (const outcome of decision.outcomes) {
    if (outcome.exceeded && outcome.retryAfterMs > longestMs) longestMs = outcome.retryAfterMs;
  }
  return Math.max(Math.ceil(longestMs / 1000), 1);
}

/** The account a request is decided for: its plan and its departures from it. */
export interface RequestAccount {
  readonly plan: PlanName;
  readonly overrides: LimitOverrides | undefined;
}

/** The request itself. */
export interface RequestLimitsInput {
  readonly keyId: string;
  /** The key's own departures; they can only lower the account's limits. */
  readonly keyOverrides?: LimitOverrides | undefined;
  /** "POST /v1/charts": priced from the policy when `cost` is 0. */
  readonly route: string;
  /** Request units for the monthly quota; 0 takes the route's cost from the policy. */
  readonly cost: number;
  /** A test key's request: decided against the account's sandbox limits. */
  readonly sandbox?: boolean;
}

/**
 * What one request is checked against: the plan's limits with the account's and key's
 * overrides, one hit on each rate and the request's units on each quota.
 */
export function requestLimits(
  policy: Policy,
  account: RequestAccount,
  request: RequestLimitsInput,
): { limits: EffectiveLimits; checks: LimitCheck[] } {
  const scope = {
    plan: account.plan,
    accountOverrides: account.overrides,
    keyOverrides: request.keyOverrides,
  };
  const sandbox = request.sandbox === true;
  const limits = sandbox ? policy.sandboxLimitsFor(scope) : policy.limitsFor(scope);
  const checks = limitChecks(limits, {
    rateHits: 1,
    quotaCost: request.cost > 0 ? request.cost : policy.routeCost(request.route),
    keyId: request.keyId,
    sandbox,
  });
  return { limits, checks };
}
