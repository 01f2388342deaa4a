import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson, planToMessage } from "./account-messages.js";
import { AccountSchema, PlanSchema } from "./account-schemas.js";
import { overridesToMessage } from "./key-messages.js";
import { LimitOverridesSchema } from "./key-schemas.js";
import { defineRoute } from "./route.js";

const CreateAccountBodySchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    plan: PlanSchema.optional().describe("Default free."),
    overrides: LimitOverridesSchema.optional(),
    billingCycleAnchorDay: z.int().min(1).max(28).optional().describe("Default 1."),
  })
  .meta({ id: "CreateAccountRequest" });

/** POST /v1/accounts (admin): a new tenant. */
export function v1AccountsCreate(clients: KeyManagementClients) {
  return defineRoute({
    method: "POST",
    path: "/v1/accounts",
    operationId: "createAccount",
    summary: "Create an account (admin)",
    description: "A new tenant. Create its first key with POST /v1/keys and accountId.",
    tags: ["accounts"],
    scope: "admin",
    cost: 1,
    request: { body: CreateAccountBodySchema },
    responses: {
      201: {
        description: "The account.",
        schema: AccountSchema,
        headers: { Location: { description: "/v1/accounts/{accountId}" } },
      },
    },
    handler: async ({ body }) => {
      const { account } = await clients.accounts.createAccount({
        name: body.name,
        plan: planToMessage(body.plan),
        overrides: overridesToMessage(body.overrides),
        billingCycleAnchorDay: body.billingCycleAnchorDay ?? 0,
      });
      const json = accountJson(account);
      return { status: 201, headers: { location: `/v1/accounts/${json.id}` }, json };
    },
  });
}
