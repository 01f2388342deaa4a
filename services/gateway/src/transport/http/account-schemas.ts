import { PLAN_NAMES } from "@orrery/policy";
import { z } from "zod";
import { LimitOverridesSchema } from "./key-schemas.js";

/** The public JSON shapes of accounts (/v1/accounts). */

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
