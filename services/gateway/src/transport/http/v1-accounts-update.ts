import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson, planToMessage } from "./account-messages.js";
import { AccountIdParamsSchema, AccountSchema, PlanSchema } from "./account-schemas.js";
import { overridesToMessage } from "./key-messages.js";
import { LimitOverridesSchema } from "./key-schemas.js";
import { defineRoute } from "./route.js";

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
    suspensionReason: z.string().max(500).optional(),
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
    cost: 1,
    request: { params: AccountIdParamsSchema, body: UpdateAccountBodySchema },
    responses: { 200: { description: "The account as it is now.", schema: AccountSchema } },
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
