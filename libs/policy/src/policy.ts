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
   * Request units a route costs against the monthly quota. `itemCount` is the number of items
   * of a batch request; a route the table does not name costs `fallback` (the route registry's
   * own figure), or `defaultRouteCost` without one.
   */
  routeCost(route: string, options: { itemCount?: number; fallback?: number } = {}): number {
    const entry = this.document.routes[route];
    if (entry === undefined) return options.fallback ?? this.document.defaultRouteCost;
    return entry.cost + (entry.costPerItem ?? 0) * (options.itemCount ?? 0);
  }
}
