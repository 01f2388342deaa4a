import {
  type LimitStore,
  limitState,
  normalizeAnchorDay,
  requestLimits,
  retryAfterSeconds,
} from "@orrery/limits";
import { isPlanName, type Policy } from "@orrery/policy";
import {
  type AccountLimits,
  type CheckInput,
  type RateLimitDecider,
  type RateLimitDecision,
  RateLimitUndecided,
  type Usage,
} from "../domain/rate-limit.js";

/**
 * Decides on the gateway's request path, straight against the rate-limit Redis, with the same
 * script and key layout as the rate-limit service (libs/limits): one round trip per request, no
 * service hop. The decision is as exact across replicas as the service's, since Redis runs it
 * atomically. What the service adds stays there: it persists the monthly counts and announces
 * quota thresholds from the usage events this decision's `quota` feeds. Requests whose account
 * authentication could not describe, and usage reports, go to the service.
 */
export class RedisLimitDecider implements RateLimitDecider {
  constructor(
    private readonly options: {
      readonly store: LimitStore;
      readonly policy: () => Policy;
      /** The rate-limit service: GetUsage, and checks for accounts the gateway cannot describe. */
      readonly service: RateLimitDecider;
    },
  ) {}

  async check(input: CheckInput): Promise<RateLimitDecision> {
    const account = input.account;
    if (account === undefined || !isPlanName(account.plan))
      return this.options.service.check(input);
    const { checks } = requestLimits(
      this.options.policy(),
      { plan: account.plan, overrides: account.overrides },
      input,
    );
    let result: Awaited<ReturnType<LimitStore["decide"]>>;
    try {
      result = await this.options.store.decide({
        accountId: input.accountId,
        billingCycleAnchorDay: normalizeAnchorDay(account.billingCycleAnchorDay),
        checks,
        mode: "charge",
      });
    } catch (error) {
      throw new RateLimitUndecided("The rate-limit store did not answer.", { cause: error });
    }
    const month = result.outcomes.find((outcome) => outcome.name === "month");
    const charged = result.allowed && month !== undefined && month.used > 0;
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
            keyCounted: checks.some((check) => check.name === "key-month" && check.cost > 0),
          }
        : undefined,
    };
  }

  usage(accountId: string, account: AccountLimits | undefined): Promise<Usage> {
    return this.options.service.usage(accountId, account);
  }
}
