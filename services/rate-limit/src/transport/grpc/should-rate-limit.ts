import { DomainError } from "@orrery/errors";
import type { Policy } from "@orrery/policy";
import {
  type RateLimitRequest,
  RateLimitResponse_Code,
  RateLimitResponse_RateLimit_Unit,
  type RateLimitService,
} from "@orrery/proto/envoy/service/ratelimit/v3/rls";
import type { ServiceImplementation } from "@orrery/rpc";
import { decideDescriptors, type EnvoyStatus } from "../../domain/envoy-descriptors.js";
import type { RateLimiter } from "../../domain/rate-limiter.js";

const UNITS = {
  burst: RateLimitResponse_RateLimit_Unit.SECOND,
  minute: RateLimitResponse_RateLimit_Unit.MINUTE,
  month: RateLimitResponse_RateLimit_Unit.MONTH,
} as const;

const MAX_UINT32 = 4_294_967_295;

function descriptorStatus(status: EnvoyStatus) {
  const code = status.code === "ok" ? RateLimitResponse_Code.OK : RateLimitResponse_Code.OVER_LIMIT;
  const limit = status.limit;
  if (limit === undefined) return { code };
  return {
    code,
    currentLimit: {
      name: limit.name,
      requestsPerUnit: Math.min(limit.limit, MAX_UINT32),
      unit: UNITS[limit.name as keyof typeof UNITS] ?? RateLimitResponse_RateLimit_Unit.UNKNOWN,
    },
    limitRemaining: Math.min(limit.remaining, MAX_UINT32),
    durationUntilReset: { seconds: BigInt(limit.resetSeconds), nanos: 0 },
  };
}

/**
 * envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit over Orrery's limits; the
 * descriptor mapping is documented in domain/envoy-descriptors.ts.
 */
export function shouldRateLimit(
  limiter: RateLimiter,
  policy: () => Policy,
  domain: string,
): ServiceImplementation<typeof RateLimitService>["shouldRateLimit"] {
  return async (request: RateLimitRequest) => {
    if (request.domain !== domain) {
      throw new DomainError(
        "UNKNOWN_DOMAIN",
        `This service limits the "${domain}" domain, not "${request.domain}".`,
      );
    }
    const statuses = await decideDescriptors(limiter, policy(), {
      descriptors: request.descriptors,
      hitsAddend: request.hitsAddend,
    });
    const over = statuses.some((status) => status.code === "over_limit");
    return {
      overallCode: over ? RateLimitResponse_Code.OVER_LIMIT : RateLimitResponse_Code.OK,
      statuses: statuses.map(descriptorStatus),
    };
  };
}
