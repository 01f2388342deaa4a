import { timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { type Account, AccountStatus, Plan } from "@orrery/proto/apikey/v1/account";
import { z } from "zod";
import { overridesFromMessage, planName } from "../../adapters/api-key-verifier.js";
import { LimitOverridesSchema } from "./v1-keys-schemas.js";

export const PlanSchema = z.enum(["free", "basic", "premium"]).meta({ id: "Plan" });

export const AccountSchema = z
  .object({
    id: z.string().describe("acc_…"),
    name: z.string(),
    plan: PlanSchema,
    status: z.enum(["active", "suspended"]),
    overrides: LimitOverridesSchema,
    billingCycleAnchorDay: z
      .number()
      .int()
      .describe("Day of month (1-28) the monthly quota resets."),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    suspendedAt: z.iso.datetime().optional(),
    suspensionReason: z.string().optional(),
  })
  .meta({ id: "Account" });

export const AccountIdParamsSchema = z.strictObject({
  accountId: z.string().regex(/^acc_[0-9A-Za-z]{1,64}$/, "Must be an account id (acc_…)."),
});

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
