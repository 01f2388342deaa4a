import { DomainError } from "@orrery/errors";
import { limitOverridesFromProto, planFromProto } from "@orrery/policy";
import type { AccountContext } from "@orrery/proto/ratelimit/v1/rate_limit";
import type { AccountFacts } from "../../domain/accounts.js";

// Ids become part of Redis keys and their hash tag: no braces, no spaces, bounded length.
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export function requireId(value: string, field: string, required: boolean): string {
  if ((value === "" && !required) || ID_PATTERN.test(value)) return value;
  throw new DomainError("INVALID_ID", `${field} is not a valid id.`, {
    violations: [
      {
        field,
        code: value === "" ? "REQUIRED" : "INVALID_ID",
        message: value === "" ? `${field} is required` : "letters, digits and _ . : - only",
      },
    ],
  });
}

/** The caller's account facts, when it sent them (with a plan); otherwise undefined. */
export function accountFacts(
  accountId: string,
  context: AccountContext | undefined,
): AccountFacts | undefined {
  if (context === undefined) return undefined;
  const plan = planFromProto(context.plan);
  if (plan === undefined) {
    throw new DomainError("PLAN_REQUIRED", "account.plan is required.", {
      violations: [
        { field: "account.plan", code: "REQUIRED", message: "account.plan is required" },
      ],
    });
  }
  return {
    accountId,
    plan,
    overrides: limitOverridesFromProto(context.overrides),
    billingCycleAnchorDay: context.billingCycleAnchorDay,
    suspended: false,
  };
}
