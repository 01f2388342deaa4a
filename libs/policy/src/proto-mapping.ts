import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  type LimitOverrides as LimitOverridesMessage,
  type LimitOverridesSchema,
  Plan,
} from "@orrery/proto/apikey/v1/account";
import { LIMIT_FIELD_NAMES, type LimitField, type LimitOverrides, type PlanName } from "./plans.js";

const PLAN_BY_NAME: Readonly<Record<PlanName, Plan>> = {
  free: Plan.FREE,
  basic: Plan.BASIC,
  premium: Plan.PREMIUM,
};

export function planToProto(plan: PlanName): Plan {
  return PLAN_BY_NAME[plan];
}

/** The plan a proto enum value names; undefined for PLAN_UNSPECIFIED and unknown values. */
export function planFromProto(plan: Plan): PlanName | undefined {
  for (const [name, value] of Object.entries(PLAN_BY_NAME)) {
    if (value === plan) return name as PlanName;
  }
  return undefined;
}

/** The set fields of orrery.apikey.v1.LimitOverrides (monthlyQuota is a uint64 there). */
export function limitOverridesFromProto(
  message: LimitOverridesMessage | undefined,
): LimitOverrides {
  const overrides: Partial<Record<LimitField, number>> = {};
  if (message === undefined) return overrides;
  for (const field of LIMIT_FIELD_NAMES) {
    const value = message[field];
    if (value !== undefined) overrides[field] = Number(value);
  }
  return overrides;
}

export function limitOverridesToProto(
  overrides: LimitOverrides,
): MessageInitShape<typeof LimitOverridesSchema> {
  const { monthlyQuota, ...counts } = overrides;
  return { ...counts, monthlyQuota: monthlyQuota === undefined ? undefined : BigInt(monthlyQuota) };
}
