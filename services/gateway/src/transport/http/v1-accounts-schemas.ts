import { timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import {
  limitOverridesFromProto,
  PLAN_NAMES,
  type PlanName,
  planFromProto,
  planToProto,
} from "@orrery/policy";
import { type Account, AccountStatus, Plan } from "@orrery/proto/apikey/v1/account";
import { z } from "zod";
import { LimitOverridesSchema } from "./v1-keys-schemas.js";

export const PlanSchema = z.enum(PLAN_NAMES).meta({ id: "Plan" });

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

export function planToMessage(plan: PlanName | undefined): Plan {
  return plan === undefined ? Plan.UNSPECIFIED : planToProto(plan);
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
    plan: planFromProto(account.plan) ?? "free",
    status: account.status === AccountStatus.SUSPENDED ? "suspended" : "active",
    overrides: limitOverridesFromProto(account.overrides),
    billingCycleAnchorDay: account.billingCycleAnchorDay,
    createdAt: iso(account.createdAt) ?? "",
    updatedAt: iso(account.updatedAt) ?? "",
    suspendedAt: iso(account.suspendedAt),
    suspensionReason: account.suspensionReason === "" ? undefined : account.suspensionReason,
  };
}
