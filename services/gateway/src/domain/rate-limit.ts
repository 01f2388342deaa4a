import type { LimitCheck } from "@orrery/limits";
import type { LimitOverrides } from "@orrery/policy";

/** One limit as the rate-limit service reports it. */
export interface LimitState {
  /** "burst", "minute", "month", or "key-…" for a key's own limits. */
  readonly name: string;
  readonly limit: number;
  readonly remaining: number;
  readonly windowSeconds: number;
  /** Seconds until the limit is fully available again. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limits: readonly LimitState[];
  /** Whole seconds after which a refused request fits; 0 when allowed. */
  readonly retryAfterSeconds: number;
  /** The service decided without Redis under a fail-open policy. */
  readonly degraded: boolean;
  /**
   * Present when the gateway decided against Redis itself and charged the request: the monthly
   * quota as the decision left it, for rate-limit to persist and watch (via usage events).
   */
  readonly quota?: QuotaUse | undefined;
  /** What the decision charged to the quotas, for a refund; absent when it charged none. */
  readonly charge?: Charge | undefined;
}

/** Quota units a decision charged: given back by `refund` when the request is not billed. */
export interface Charge {
  readonly accountId: string;
  /** Units taken from the monthly quota. */
  readonly units: number;
  readonly cycleStartSeconds: number;
  readonly cycleEndSeconds: number;
  /** The quota checks charged (the account's month, a key's own month), as decided. */
  readonly quotas: readonly LimitCheck[];
  /** The monthly quota's limit, for the QuotaUse a refund reports. */
  readonly monthlyQuota: number;
}

/** An account's monthly quota after a charged request. */
export interface QuotaUse {
  readonly used: number;
  readonly quota: number;
  readonly cycleStartSeconds: number;
  readonly cycleEndSeconds: number;
  /** The key's own monthly counter was charged too. */
  readonly keyCounted: boolean;
}

/** What authentication learned about the caller's account, passed on so no look-up is needed. */
export interface AccountLimits {
  readonly plan: string;
  readonly overrides: LimitOverrides | undefined;
  readonly billingCycleAnchorDay: number;
}

/**
 * The account's limits as authentication learned them, for rate limiting and usage reports;
 * undefined when it did not learn the billing day, and the service looks the account up.
 */
export function accountLimitsOf(caller: {
  readonly plan: string;
  readonly accountOverrides: LimitOverrides;
  readonly billingCycleAnchorDay?: number | undefined;
}): AccountLimits | undefined {
  if (caller.billingCycleAnchorDay === undefined) return undefined;
  return {
    plan: caller.plan,
    overrides: caller.accountOverrides,
    billingCycleAnchorDay: caller.billingCycleAnchorDay,
  };
}

export interface CheckInput {
  readonly accountId: string;
  readonly keyId: string;
  /** "POST /v1/charts": the route registry's method and template. */
  readonly route: string;
  /** Request units for the monthly quota; 0 lets the service price the route from the policy. */
  readonly cost: number;
  /** Absent when authentication did not learn it: the service looks the account up. */
  readonly account: AccountLimits | undefined;
  readonly keyOverrides: LimitOverrides | undefined;
  /** A test key's request: decided against the account's sandbox limits, never billed. */
  readonly sandbox: boolean;
}

export interface Usage {
  readonly plan: string;
  readonly policyVersion: string;
  readonly limits: readonly LimitState[];
  readonly monthlyUsed: number;
  readonly monthlyQuota: number;
  readonly cycleStartedAt: Date | undefined;
  readonly cycleResetsAt: Date | undefined;
  /** The sandbox's limits and use (a test key asked), not the live ones. */
  readonly sandbox: boolean;
}

/**
 * No decision was reached: the store or the rate-limit service did not answer in time. Not a
 * refusal and not an answer: the plan's fail mode decides what becomes of the request.
 */
export class RateLimitUndecided extends Error {
  override readonly name = "RateLimitUndecided";
}

/**
 * Rate-limit decisions and usage, as the gateway uses them. A check that reached no decision
 * rejects with RateLimitUndecided; any other failure (a DomainError) is the answer itself.
 */
export interface RateLimitDecider {
  check(input: CheckInput): Promise<RateLimitDecision>;
  usage(
    accountId: string,
    account: AccountLimits | undefined,
    options?: { readonly sandbox?: boolean },
  ): Promise<Usage>;
  /** Gives a decision's quota units back; resolves to the monthly quota as it is after. */
  refund?(charge: Charge): Promise<QuotaUse>;
}
