import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson } from "./account-messages.js";
import { ACCOUNT_EXAMPLE, AccountIdParamsSchema, AccountSchema } from "./account-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** GET /v1/accounts/{accountId} (admin). */
export function v1AccountsGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/accounts/{accountId}",
    operationId: "getAccount",
    summary: "Get an account (admin)",
    tags: ["accounts"],
    scope: "admin",
    request: { params: AccountIdParamsSchema },
    example: { params: { accountId: ACCOUNT_EXAMPLE.id } },
    problems: ["ACCOUNT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: { description: "The account.", schema: AccountSchema, example: ACCOUNT_EXAMPLE },
    },
    handler: async ({ params }) => {
      const { account } = await clients.accounts.getAccount({ accountId: params.accountId });
      return { json: accountJson(account) };
    },
  });
}
