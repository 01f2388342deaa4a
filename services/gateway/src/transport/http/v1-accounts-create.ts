import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson, planToMessage } from "./account-messages.js";
import { ACCOUNT_EXAMPLE, AccountSchema, PlanSchema } from "./account-schemas.js";
import { overridesToMessage } from "./key-messages.js";
import { LimitOverridesSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { displayName, nameSchema } from "./text-schemas.js";

const ACCOUNT_NAME_MAX = 200;

const CreateAccountBodySchema = z
  .strictObject({
    name: nameSchema(ACCOUNT_NAME_MAX).describe("Printable text, trimmed."),
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
    request: { body: CreateAccountBodySchema },
    example: { body: { name: "Stellar Apps Ltd", plan: "basic" } },
    problems: ["INVALID_NAME", ...UPSTREAM_PROBLEMS],
    responses: {
      201: {
        description: "The account.",
        schema: AccountSchema,
        example: ACCOUNT_EXAMPLE,
        headers: { Location: { description: "/v1/accounts/{accountId}" } },
      },
    },
    handler: async ({ body }) => {
      const { account } = await clients.accounts.createAccount({
        name: displayName(body.name, "name", ACCOUNT_NAME_MAX),
        plan: planToMessage(body.plan),
        overrides: overridesToMessage(body.overrides),
        billingCycleAnchorDay: body.billingCycleAnchorDay ?? 0,
      });
      const json = accountJson(account);
      return { status: 201, headers: { location: `/v1/accounts/${json.id}` }, json };
    },
  });
}
