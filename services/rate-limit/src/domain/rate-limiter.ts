import { DomainError } from "@orrery/errors";
import {
  type BillingCycle,
  type LimitCheck,
  type LimitState,
  type LimitStore,
  limitChecks,
  limitState,
  normalizeAnchorDay,
  requestLimits,
  retryAfterSeconds,
} from "@orrery/limits";
import type { FailMode, LimitOverrides, Policy } from "@orrery/policy";
import type { AccountDirectory, AccountFacts } from "./accounts.js";
import type { QuotaThresholdWatcher } from "./quota-thresholds.js";
import type { UsageLedger } from "./usage-ledger.js";

export type { LimitState };

export interface Decision {
  readonly allowed: boolean;
  readonly limits: readonly LimitState[];
  /** Whole seconds after which the refused request fits; 0 when allowed. */
  readonly retryAfterSeconds: number;
  readonly policyVersion: string;
  /** Decided without the store, under a fail-open policy. */
  readonly degraded: boolean;
  readonly cycle: BillingCycle | undefined;
}

/** Told about decisions the store could not make. Metrics and logs live behind it. */
export interface DecisionObserver {
  storeFailed(failMode: FailMode, error: unknown): void;
}

export interface CheckInput {
  readonly accountId: string;
  readonly keyId: string;
  readonly route: string;
  /** Request units for the monthly quota; 0 takes the route's cost from the policy. */
  readonly cost: number;
  /** What the caller knows about the account; looked up when absent. */
  readonly account?: AccountFacts | undefined;
  readonly keyOverrides?: LimitOverrides | undefined;
}

export interface RateLimiterDependencies {
  readonly policy: () => Policy;
  readonly store: LimitStore;
  readonly accounts: AccountDirectory;
  readonly ledger: UsageLedger;
  readonly thresholds: QuotaThresholdWatcher;
  readonly observer: DecisionObserver;
}

/**
 * The refusal of a fail-closed plan when the store cannot answer: RATE_LIMIT_UNAVAILABLE to a
 * gRPC caller; callers that answer otherwise (Envoy's OVER_LIMIT) recognise it by its class.
 */
export class LimitsUnavailable extends DomainError {
  override readonly name = "LimitsUnavailable";

  constructor(cause: unknown) {
    super("RATE_LIMIT_UNAVAILABLE", "Limits cannot be checked right now; try again shortly.", {
      metadata: { retryAfterSeconds: "1" },
      cause,
    });
  }
}

/**
 * Decides requests against the tier policy: every applicable limit in one atomic store call,
 * charged all or none. When the store cannot answer, the plan's fail mode decides: `open`
 * allows (degraded), `closed` refuses with RATE_LIMIT_UNAVAILABLE.
 */
export class RateLimiter {
  constructor(private readonly dependencies: RateLimiterDependencies) {}

  get policyVersion(): string {
    return this.dependencies.policy().version;
  }

  async check(input: CheckInput): Promise<Decision> {
    const account = await this.resolveAccount(input.accountId, input.account);
    const { limits, checks } = requestLimits(this.dependencies.policy(), account, input);
    return this.decide(account, checks, limits.failMode, "charge");
  }

  /** The account's limits now, charging nothing. */
  async usage(
    accountId: string,
    provided?: AccountFacts,
  ): Promise<Decision & { account: AccountFacts }> {
    const account = await this.resolveAccount(accountId, provided);
    const limits = this.dependencies.policy().limitsFor({
      plan: account.plan,
      accountOverrides: account.overrides,
    });
    const checks = limitChecks(limits, { rateHits: 0, quotaCost: 0 });
    const decision = await this.decide(account, checks, "closed", "peek");
    return { ...decision, account };
  }

  async resolveAccount(accountId: string, provided?: AccountFacts): Promise<AccountFacts> {
    const account = provided ?? (await this.dependencies.accounts.get(accountId));
    if (account === undefined) {
      throw new DomainError("ACCOUNT_NOT_FOUND", `No account ${accountId}.`);
    }
    if (account.suspended) {
      throw new DomainError("ACCOUNT_SUSPENDED", "The account is suspended.");
    }
    return account;
  }

  /** One atomic decision over the given checks (the Envoy path builds its own). */
  async decide(
    account: AccountFacts,
    checks: readonly LimitCheck[],
    failMode: FailMode,
    mode: "charge" | "peek",
  ): Promise<Decision> {
    const { store, observer, ledger, thresholds } = this.dependencies;
    const policyVersion = this.policyVersion;
    let result: Awaited<ReturnType<LimitStore["decide"]>>;
    try {
      result = await store.decide({
        accountId: account.accountId,
        billingCycleAnchorDay: normalizeAnchorDay(account.billingCycleAnchorDay),
        checks,
        mode,
      });
    } catch (error) {
      observer.storeFailed(failMode, error);
      if (failMode === "closed") throw new LimitsUnavailable(error);
      return {
        allowed: true,
        limits: [],
        retryAfterSeconds: 0,
        policyVersion,
        degraded: true,
        cycle: undefined,
      };
    }

    if (mode === "charge") {
      for (const outcome of result.outcomes) {
        if (outcome.kind !== "quota") continue;
        const check = checks.find((candidate) => candidate.name === outcome.name);
        if (result.allowed && check !== undefined && check.cost > 0) {
          ledger.markCharged({
            accountId: account.accountId,
            scope: check.keyId === undefined ? "account" : `key:${check.keyId}`,
          });
        }
        if (outcome.name === "month") {
          void thresholds.observe({
            accountId: account.accountId,
            used: outcome.used,
            quota: outcome.limit,
            cycleStart: new Date(result.cycle.startSeconds * 1000),
            cycleEnd: new Date(result.cycle.endSeconds * 1000),
          });
        }
      }
    }

    return {
      allowed: result.allowed,
      limits: result.outcomes.map(limitState),
      retryAfterSeconds: retryAfterSeconds(result),
      policyVersion,
      degraded: false,
      cycle: result.cycle,
    };
  }
}
