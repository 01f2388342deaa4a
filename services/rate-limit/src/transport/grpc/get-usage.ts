import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { GetUsageRequest, RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import type { ServiceImplementation } from "@orrery/rpc";
import type { RateLimiter } from "../../domain/rate-limiter.js";
import { accountFacts, requireId } from "./account-context.js";
import { limitStatus } from "./limit-status.js";

/** RateLimitService.GetUsage: the account's limits and monthly usage now, charging nothing. */
export function getUsage(
  limiter: RateLimiter,
): ServiceImplementation<typeof RateLimitService>["getUsage"] {
  return async (request: GetUsageRequest) => {
    const accountId = requireId(request.accountId, "account_id", true);
    const usage = await limiter.usage(accountId, accountFacts(accountId, request.account));
    const month = usage.limits.find((limit) => limit.name === "month");
    return {
      limits: usage.limits.map(limitStatus),
      monthlyUsed: BigInt(month?.used ?? 0),
      monthlyQuota: BigInt(month?.limit ?? 0),
      ...(usage.cycle === undefined
        ? {}
        : {
            cycleStartedAt: timestampFromDate(new Date(usage.cycle.startSeconds * 1000)),
            cycleResetsAt: timestampFromDate(new Date(usage.cycle.endSeconds * 1000)),
          }),
      plan: usage.account.plan,
      policyVersion: usage.policyVersion,
    };
  };
}
