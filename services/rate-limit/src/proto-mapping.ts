import type { LimitOverrides, PlanName } from "@orrery/policy";
import type { LimitOverrides as ProtoLimitOverrides } from "@orrery/proto/apikey/v1/account";
import { Plan } from "@orrery/proto/apikey/v1/account";

/** The policy's plan name for a proto Plan; undefined for PLAN_UNSPECIFIED. */
export function planName(plan: Plan): PlanName | undefined {
  switch (plan) {
    case Plan.FREE:
      return "free";
    case Plan.BASIC:
      return "basic";
    case Plan.PREMIUM:
      return "premium";
    default:
      return undefined;
  }
}

export function limitOverrides(
  overrides: ProtoLimitOverrides | undefined,
): LimitOverrides | undefined {
  if (overrides === undefined) return undefined;
  return {
    burstPerSecond: overrides.burstPerSecond,
    requestsPerMinute: overrides.requestsPerMinute,
    monthlyQuota: overrides.monthlyQuota,
    maxBatchSize: overrides.maxBatchSize,
    concurrentBatches: overrides.concurrentBatches,
    webhookEndpoints: overrides.webhookEndpoints,
    realtimeConnections: overrides.realtimeConnections,
  };
}
