import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson } from "./account-messages.js";
import { ACCOUNT_EXAMPLE, AccountSchema } from "./account-schemas.js";
import { PageTokenSchema } from "./key-schemas.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";

const ListAccountsQuerySchema = PageQuerySchema.extend({ pageToken: PageTokenSchema.optional() });

/** GET /v1/accounts (admin): every tenant, newest first. */
export function v1AccountsList(clients: KeyManagementClients) {
  return defineListRoute({
    path: "/v1/accounts",
    operationId: "listAccounts",
    summary: "List accounts (admin)",
    tag: "accounts",
    scope: "admin",
    query: ListAccountsQuerySchema,
    example: { query: { pageSize: 20 } },
    page: {
      id: "AccountPage",
      field: "accounts",
      item: AccountSchema,
      description: "A page of accounts.",
      example: [ACCOUNT_EXAMPLE],
    },
    list: async (_input, page) => {
      const { accounts, nextPageToken } = await clients.accounts.listAccounts(page);
      return { items: accounts.map(accountJson), nextPageToken };
    },
  });
}
