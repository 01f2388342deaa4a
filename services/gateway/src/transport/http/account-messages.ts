import { timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { type Account, AccountStatus, Plan } from "@orrery/proto/apikey/v1/account";
import type { z } from "zod";
import { overridesFromMessage, planName } from "../../adapters/api-key-verifier.js";
import type { AccountSchema, PlanSchema } from "./account-schemas.js";

/** Between the public JSON of accounts and api-key's protobuf messages. */

const PLANS: Record<z.output<typeof PlanSchema>, Plan> = {
  free: Plan.FREE,
  basic: Plan.BASIC,
  premium: Plan.PREMIUM,
};

export function planToMessage(plan: z.output<typeof PlanSchema> | undefined): Plan {
  return plan === undefined ? Plan.UNSPECIFIED : PLANS[plan];
}

export function accountJson(account: Account | undefined): z.output<typeof AccountSchema> {
  if (account === undefined) {
    throw new DomainError("INTERNAL_ERROR", "api-key returned no account");
  }
  const iso = (value: Parameters<typeof timestampDate>[0] | undefined) =>
    value === undefined ? undefined : timestampDate(value).toISOString();
  return {
    id: account.id,
    name: account.name,
    plan: planName(account.plan) as z.output<typeof PlanSchema>,
    status: account.status === AccountStatus.SUSPENDED ? "suspended" : "active",
    overrides: overridesFromMessage(account.overrides),
    billingCycleAnchorDay: account.billingCycleAnchorDay,
    createdAt: iso(account.createdAt) ?? "",
    updatedAt: iso(account.updatedAt) ?? "",
    suspendedAt: iso(account.suspendedAt),
    suspensionReason: account.suspensionReason === "" ? undefined : account.suspensionReason,
  };
}
