import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson } from "./account-messages.js";
import { AccountIdParamsSchema, AccountSchema } from "./account-schemas.js";
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
    cost: 1,
    request: { params: AccountIdParamsSchema },
    responses: { 200: { description: "The account.", schema: AccountSchema } },
    handler: async ({ params }) => {
      const { account } = await clients.accounts.getAccount({ accountId: params.accountId });
      return { json: accountJson(account) };
    },
  });
}
