import { LIMIT_FIELD_NAMES, type LimitField, type LimitOverrides, type PlanName } from "./plans.js";
import type { FailMode, PlanLimits, PolicyDocument } from "./schema.js";

/** The numbers that apply to one account (and, with key limits, to one of its keys). */
export type EffectiveLimits = { readonly [Field in LimitField]: number } & {
  readonly plan: PlanName;
  readonly failMode: FailMode;
  /**
   * Rate and quota limits that a key's own overrides set below the account's: each is counted
   * for that key alone, on top of the account's limits. Empty for a key without overrides.
   */
  readonly key: {
    readonly burstPerSecond?: number;
    readonly requestsPerMinute?: number;
    readonly monthlyQuota?: number;
  };
};

/** One validated policy document with typed accessors. Immutable: a reload builds a new one. */
export class Policy {
  constructor(readonly document: PolicyDocument) {}

  get version(): string {
    return this.document.version;
  }

  get quotaThresholdsPercent(): readonly number[] {
    return this.document.quotaThresholdsPercent;
  }

  plan(name: PlanName): PlanLimits {
    return this.document.plans[name];
  }

  /**
   * Merges plan < account overrides < key overrides. An account override replaces the plan's
   * value (an operator set it, higher or lower). A key override can only lower what the account
   * has: keys are created by the tenant, and a key must never escape its account's plan. Rate
   * and quota fields lowered by a key are also returned under `key`, because they are counted
   * per key rather than for the whole account.
   */
  limitsFor(input: {
    plan: PlanName;
    accountOverrides?: LimitOverrides | undefined;
    keyOverrides?: LimitOverrides | undefined;
  }): EffectiveLimits {
    const base = this.plan(input.plan);
    const merged: Record<LimitField, number> = { ...base };
    for (const field of LIMIT_FIELD_NAMES) {
      const accountValue = input.accountOverrides?.[field];
      if (accountValue !== undefined) merged[field] = accountValue;
    }
    const key: { burstPerSecond?: number; requestsPerMinute?: number; monthlyQuota?: number } = {};
    for (const field of LIMIT_FIELD_NAMES) {
      const keyValue = input.keyOverrides?.[field];
      if (keyValue === undefined || keyValue >= merged[field]) continue;
      if (field === "burstPerSecond" || field === "requestsPerMinute" || field === "monthlyQuota") {
        key[field] = keyValue;
      } else {
        merged[field] = keyValue;
      }
    }
    return { plan: input.plan, failMode: base.failMode, ...merged, key };
  }

  /**
   * A test key's limits: the sandbox's burst, minute and monthly quota in place of the plan's,
   * counted apart from live traffic; the key's own overrides can only lower them (under `key`,
   * as for a live key). The rest (batch size, webhooks, fail mode) is as for the account.
   */
  sandboxLimitsFor(input: {
    plan: PlanName;
    accountOverrides?: LimitOverrides | undefined;
    keyOverrides?: LimitOverrides | undefined;
  }): EffectiveLimits {
    const live = this.limitsFor({ plan: input.plan, accountOverrides: input.accountOverrides });
    const sandbox = this.document.sandbox;
    const key: { burstPerSecond?: number; requestsPerMinute?: number; monthlyQuota?: number } = {};
    for (const field of ["burstPerSecond", "requestsPerMinute", "monthlyQuota"] as const) {
      const own = input.keyOverrides?.[field];
      if (own !== undefined && own < sandbox[field]) key[field] = own;
    }
    return { ...live, ...sandbox, key };
  }

  /** The route cost table: every route that costs request units, and the cost of the others. */
  get routeCosts(): { readonly routes: PolicyDocument["routes"]; readonly otherwise: number } {
    return { routes: this.document.routes, otherwise: this.document.defaultRouteCost };
  }

  /**
   * Request units a route costs against the monthly quota. `itemCount` is the number of items
   * of a batch request; a route the table does not name costs `defaultRouteCost`. This table is
   * the one source of route costs: rate limiting, /v1/usage and the API document all read it.
   */
  routeCost(route: string, options: { itemCount?: number } = {}): number {
    const entry = this.document.routes[route];
    if (entry === undefined) return this.document.defaultRouteCost;
    return entry.cost + (entry.costPerItem ?? 0) * (options.itemCount ?? 0);
  }
}
