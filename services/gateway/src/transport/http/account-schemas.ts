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
      .int()
      .min(1)
      .max(28)
      .describe("Day of month (1-28) the monthly quota resets."),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    suspendedAt: z.iso.datetime().optional(),
    suspensionReason: z.string().optional(),
  })
  .meta({ id: "Account" });

export const AccountIdSchema = z
  .string()
  .regex(/^acc_[0-9A-Za-z]{1,64}$/, "Must be an account id (acc_…).");

export const AccountIdParamsSchema = z.strictObject({ accountId: AccountIdSchema });

export const ACCOUNT_EXAMPLE = {
  id: "acc_7Yq2Lm9XkR4tWp1ZsN6bJc",
  name: "Stellar Apps Ltd",
  plan: "basic",
  status: "active",
  overrides: {},
  billingCycleAnchorDay: 1,
  createdAt: "2026-12-01T09:00:00.000Z",
  updatedAt: "2026-12-01T09:00:00.000Z",
} satisfies z.input<typeof AccountSchema>;
