import type { MessageInitShape } from "@bufbuild/protobuf";
import { limitOverridesFromProto } from "@orrery/policy";
import type {
  CheckRequest,
  CheckResponseSchema,
  RateLimitService,
} from "@orrery/proto/ratelimit/v1/rate_limit";
import type { ServiceImplementation } from "@orrery/rpc";
import { lazyCounter } from "@orrery/telemetry";
import type { RateLimiter } from "../../domain/rate-limiter.js";
import { accountFacts, requireId } from "./account-context.js";
import { limitStatus } from "./limit-status.js";

const decisions = lazyCounter("@orrery/rate-limit", "ratelimit_decisions_total", {
  description: "Check decisions by outcome: allowed, denied, degraded (allowed without Redis)",
});

/** One Check, as Check and CheckBatch both decide it. */
export async function decideCheck(
  limiter: RateLimiter,
  request: CheckRequest,
): Promise<MessageInitShape<typeof CheckResponseSchema>> {
  const accountId = requireId(request.accountId, "account_id", true);
  const decision = await limiter.check({
    accountId,
    keyId: requireId(request.keyId, "key_id", false),
    route: request.route,
    cost: request.cost,
    account: accountFacts(accountId, request.account),
    keyOverrides: limitOverridesFromProto(request.keyOverrides),
  });
  decisions.add(1, {
    outcome: decision.degraded ? "degraded" : decision.allowed ? "allowed" : "denied",
  });
  return {
    allowed: decision.allowed,
    limits: decision.limits.map(limitStatus),
    retryAfterSeconds: decision.retryAfterSeconds,
    policyVersion: decision.policyVersion,
    degraded: decision.degraded,
  };
}

/** RateLimitService.Check: one atomic decision over every limit of the request. */
export function check(
  limiter: RateLimiter,
): ServiceImplementation<typeof RateLimitService>["check"] {
  return (request) => decideCheck(limiter, request);
}
