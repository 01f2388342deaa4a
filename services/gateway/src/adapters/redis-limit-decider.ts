import {
  type LimitStore,
  limitChecks,
  limitState,
  normalizeAnchorDay,
  type QuotaRefund,
  requestLimits,
  retryAfterSeconds,
} from "@orrery/limits";
import { isPlanName, type Policy } from "@orrery/policy";
import {
  type AccountLimits,
  type Charge,
  type CheckInput,
  type QuotaUse,
  type RateLimitDecider,
  type RateLimitDecision,
  RateLimitUndecided,
  type Usage,
} from "../domain/rate-limit.js";

/** The store the gateway decides against: decisions, and refunds of charges not billed. */
export interface RefundableLimitStore extends LimitStore {
  refund(refund: QuotaRefund): Promise<number[]>;
}

/**
 * Decides on the gateway's request path, straight against the rate-limit Redis, with the same
 * script and key layout as the rate-limit service (libs/limits): one round trip per request, no
 * service hop. The decision is as exact across replicas as the service's, since Redis runs it
 * atomically. What the service adds stays there: it persists the monthly counts and announces
 * quota thresholds from the usage events this decision's `quota` feeds. Requests whose account
 * authentication could not describe, and live usage reports, go to the service; a test key's
 * sandbox is the gateway's alone (the service never sees it, so it is never billed).
 */
export class RedisLimitDecider implements RateLimitDecider {
  constructor(
    private readonly options: {
      readonly store: RefundableLimitStore;
      readonly policy: () => Policy;
      /** The rate-limit service: GetUsage, and checks for accounts the gateway cannot describe. */
      readonly service: RateLimitDecider;
    },
  ) {}

  async check(input: CheckInput): Promise<RateLimitDecision> {
    const account = input.account;
    const described = account !== undefined && isPlanName(account.plan);
    // A sandbox request never goes to the service, which would count it as live traffic.
    if (!described && !input.sandbox) return this.options.service.check(input);
    const plan = account !== undefined && isPlanName(account.plan) ? account.plan : "free";
    const { checks } = requestLimits(
      this.options.policy(),
      { plan, overrides: account?.overrides },
      input,
    );
    let result: Awaited<ReturnType<LimitStore["decide"]>>;
    try {
      result = await this.options.store.decide({
        accountId: input.accountId,
        billingCycleAnchorDay: normalizeAnchorDay(account?.billingCycleAnchorDay ?? 1),
        checks,
        mode: "charge",
      });
    } catch (error) {
      throw new RateLimitUndecided("The rate-limit store did not answer.", { cause: error });
    }
    const month = result.outcomes.find((outcome) => outcome.name === "month");
    const quotas = checks.filter((check) => check.kind === "quota" && check.cost > 0);
    const units = quotas.find((check) => check.name === "month")?.cost ?? 0;
    const charged = result.allowed && month !== undefined && units > 0;
    return {
      allowed: result.allowed,
      limits: result.outcomes.map(limitState),
      retryAfterSeconds: retryAfterSeconds(result),
      degraded: false,
      quota: charged
        ? {
            used: month.used,
            quota: month.limit,
            cycleStartSeconds: result.cycle.startSeconds,
            cycleEndSeconds: result.cycle.endSeconds,
            keyCounted: quotas.some((check) => check.name === "key-month"),
          }
        : undefined,
      charge: charged
        ? {
            accountId: input.accountId,
            units,
            cycleStartSeconds: result.cycle.startSeconds,
            cycleEndSeconds: result.cycle.endSeconds,
            quotas,
            monthlyQuota: month.limit,
          }
        : undefined,
    };
  }

  async refund(charge: Charge): Promise<QuotaUse> {
    const used = await this.options.store.refund({
      accountId: charge.accountId,
      cycleStartSeconds: charge.cycleStartSeconds,
      quotas: charge.quotas,
    });
    const month = charge.quotas.findIndex((check) => check.name === "month");
    return {
      used: used[month] ?? 0,
      quota: charge.monthlyQuota,
      cycleStartSeconds: charge.cycleStartSeconds,
      cycleEndSeconds: charge.cycleEndSeconds,
      keyCounted: charge.quotas.some((check) => check.name === "key-month"),
    };
  }

  async usage(
    accountId: string,
    account: AccountLimits | undefined,
    options: { readonly sandbox?: boolean } = {},
  ): Promise<Usage> {
    if (options.sandbox !== true) return this.options.service.usage(accountId, account);
    const policy = this.options.policy();
    const plan = account?.plan ?? "free";
    const limits = policy.sandboxLimitsFor({
      plan: isPlanName(plan) ? plan : "free",
      accountOverrides: account?.overrides,
    });
    const result = await this.options.store.decide({
      accountId,
      billingCycleAnchorDay: normalizeAnchorDay(account?.billingCycleAnchorDay ?? 1),
      checks: limitChecks(limits, { rateHits: 0, quotaCost: 0, sandbox: true }),
      mode: "peek",
    });
    const month = result.outcomes.find((outcome) => outcome.name === "month");
    return {
      plan: limits.plan,
      policyVersion: policy.version,
      limits: result.outcomes.map(limitState),
      monthlyUsed: month?.used ?? 0,
      monthlyQuota: month?.limit ?? limits.monthlyQuota,
      cycleStartedAt: new Date(result.cycle.startSeconds * 1000),
      cycleResetsAt: new Date(result.cycle.endSeconds * 1000),
      sandbox: true,
    };
  }
}
