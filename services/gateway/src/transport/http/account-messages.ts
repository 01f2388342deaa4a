import { timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { limitOverridesFromProto, type PlanName, planFromProto, planToProto } from "@orrery/policy";
import { type Account, AccountStatus, Plan } from "@orrery/proto/apikey/v1/account";
import type { z } from "zod";
import type { AccountSchema } from "./account-schemas.js";

/** Between the public JSON of accounts and api-key's protobuf messages. */

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
