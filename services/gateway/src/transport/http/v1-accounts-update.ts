import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson, planToMessage } from "./account-messages.js";
import {
  ACCOUNT_EXAMPLE,
  AccountIdParamsSchema,
  AccountSchema,
  PlanSchema,
} from "./account-schemas.js";
import { overridesToMessage } from "./key-messages.js";
import { LimitOverridesSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { boundedText } from "./text-schemas.js";

const UpdateAccountBodySchema = z
  .strictObject({
    plan: PlanSchema.optional(),
    overrides: LimitOverridesSchema.optional().describe(
      "Replaces the account's overrides ({} clears them).",
    ),
    suspended: z
      .boolean()
      .optional()
      .describe("true suspends (its keys answer 403 account-suspended), false reinstates."),
    suspensionReason: boundedText(500).optional(),
  })
  .meta({ id: "UpdateAccountRequest" });

/**
 * PATCH /v1/accounts/{accountId} (admin): plan, overrides, suspension. Takes effect on every
 * gateway replica within two seconds, without restarts.
 */
export function v1AccountsUpdate(clients: KeyManagementClients) {
  return defineRoute({
    method: "PATCH",
    path: "/v1/accounts/{accountId}",
    operationId: "updateAccount",
    summary: "Change an account's plan, limits or suspension (admin)",
    description:
      "Applies on every gateway replica within two seconds: the account's next request runs under the new plan and limits.",
    tags: ["accounts"],
    scope: "admin",
    request: { params: AccountIdParamsSchema, body: UpdateAccountBodySchema },
    example: { params: { accountId: ACCOUNT_EXAMPLE.id }, body: { plan: "premium" } },
    problems: ["ACCOUNT_NOT_FOUND", "OPERATOR_ACCOUNT_NOT_SUSPENDABLE", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The account as it is now.",
        schema: AccountSchema,
        example: { ...ACCOUNT_EXAMPLE, plan: "premium", updatedAt: "2026-12-02T08:00:00.000Z" },
      },
    },
    handler: async ({ params, body }) => {
      const accountId = params.accountId;
      let { account } = await clients.accounts.getAccount({ accountId });
      if (body.plan !== undefined || body.overrides !== undefined) {
        ({ account } = await clients.accounts.updatePlan({
          accountId,
          plan: planToMessage(body.plan),
          overrides: overridesToMessage(body.overrides),
        }));
      }
      if (body.suspended !== undefined) {
        ({ account } = await clients.accounts.suspendAccount({
          accountId,
          suspended: body.suspended,
          reason: body.suspensionReason ?? "",
        }));
      }
      return { json: accountJson(account) };
    },
  });
}
