import type { EffectiveLimits } from "@orrery/policy";
import type { BillingCycle } from "./billing-cycle.js";

/** Names as they appear in the RateLimit-Policy header. */
export type LimitName = "burst" | "minute" | "month" | "key-burst" | "key-minute" | "key-month";

/** `rate` limits refill continuously (GCRA); `quota` limits count per billing cycle. */
export type LimitKind = "rate" | "quota";

/** One limit to test (and charge) in a decision. */
export interface LimitCheck {
  readonly name: LimitName;
  readonly kind: LimitKind;
  /** Units per window (rate) or per billing cycle (quota). 0 refuses everything. */
  readonly limit: number;
  /** Window of a rate limit; unused for a quota (its window is the billing cycle). */
  readonly windowSeconds: number;
  /** Units this request takes from the limit. */
  readonly cost: number;
  /** For the key-* limits: the key they are counted for. */
  readonly keyId?: string;
  /** Counted in the account's sandbox (test keys), apart from its live limits. */
  readonly sandbox?: boolean;
}

/** What the store says about one limit after a decision. */
export interface LimitOutcome {
  readonly name: LimitName;
  readonly kind: LimitKind;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Units left after this decision. */
  readonly remaining: number;
  /** Until the limit is fully available again. */
  readonly resetMs: number;
  readonly exceeded: boolean;
  /** For an exceeded limit: until the refused request would fit. */
  readonly retryAfterMs: number;
  /** For a quota: units used in the cycle after this decision. */
  readonly used: number;
}

export interface StoreDecision {
  /** Every limit had room, and (in charge mode) every limit was charged. */
  readonly allowed: boolean;
  readonly outcomes: readonly LimitOutcome[];
  readonly cycle: BillingCycle;
}

/**
 * Where limit state lives. One call is one atomic decision over every check: all are charged or
 * none, using the store's clock.
 */
/** Gives a charge's quota units back, in the cycle it was charged in. */
export interface QuotaRefund {
  readonly accountId: string;
  /** The cycle the charge was counted in: a counter since reset to a new cycle is left alone. */
  readonly cycleStartSeconds: number;
  /** The charged quota checks (rates are never refunded). */
  readonly quotas: readonly LimitCheck[];
}

export interface LimitStore {
  decide(request: {
    readonly accountId: string;
    readonly billingCycleAnchorDay: number;
    readonly checks: readonly LimitCheck[];
    /** `peek` reports the state without charging anything. */
    readonly mode: "charge" | "peek";
  }): Promise<StoreDecision>;
}

export interface ChecksOptions {
  /** Units charged to the rate limits (1 per request; Envoy's hits_addend). */
  readonly rateHits: number;
  /** Request units charged to the monthly quotas. */
  readonly quotaCost: number;
  readonly keyId?: string | undefined;
  /** Only these limits (Envoy descriptors that name one); all when absent. */
  readonly only?: ReadonlySet<LimitName> | undefined;
  /** The account's limits are its sandbox's (a test key's request). */
  readonly sandbox?: boolean;
}

/**
 * The limits that apply to a request: the account's burst, minute and month, plus the key's
 * own when its overrides set them lower. The rates count requests; the month counts request
 * units (a route's cost), so a large batch is not refused by the per-second burst.
 */
export function limitChecks(limits: EffectiveLimits, options: ChecksOptions): LimitCheck[] {
  const account: LimitCheck[] = [
    rate("burst", limits.burstPerSecond, 1, options.rateHits),
    rate("minute", limits.requestsPerMinute, 60, options.rateHits),
    quota("month", limits.monthlyQuota, options.quotaCost),
  ];
  const checks =
    options.sandbox === true ? account.map((check) => ({ ...check, sandbox: true })) : account;
  if (options.keyId !== undefined && options.keyId !== "") {
    const keyId = options.keyId;
    if (limits.key.burstPerSecond !== undefined) {
      checks.push({ ...rate("key-burst", limits.key.burstPerSecond, 1, options.rateHits), keyId });
    }
    if (limits.key.requestsPerMinute !== undefined) {
      checks.push({
        ...rate("key-minute", limits.key.requestsPerMinute, 60, options.rateHits),
        keyId,
      });
    }
    if (limits.key.monthlyQuota !== undefined) {
      checks.push({ ...quota("key-month", limits.key.monthlyQuota, options.quotaCost), keyId });
    }
  }
  const only = options.only;
  return only === undefined ? checks : checks.filter((check) => only.has(check.name));
}

function rate(name: LimitName, limit: number, windowSeconds: number, cost: number): LimitCheck {
  return { name, kind: "rate", limit, windowSeconds, cost };
}

function quota(name: LimitName, limit: number, cost: number): LimitCheck {
  return { name, kind: "quota", limit, windowSeconds: 0, cost };
}
