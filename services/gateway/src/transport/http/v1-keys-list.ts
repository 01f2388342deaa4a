import { DomainError } from "@orrery/errors";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { isAdmin } from "../../domain/authentication.js";
import { AccountIdSchema } from "./account-schemas.js";
import { requireCaller } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { API_KEY_EXAMPLE, ApiKeySchema, PageTokenSchema } from "./key-schemas.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";

const ListKeysQuerySchema = PageQuerySchema.extend({
  pageToken: PageTokenSchema.optional(),
  accountId: AccountIdSchema.optional().describe(
    "Admin keys only: whose keys (default: the caller's).",
  ),
});

/** GET /v1/keys: the account's keys, newest first, revoked and expired ones included. */
export function v1KeysList(clients: KeyManagementClients) {
  return defineListRoute({
    path: "/v1/keys",
    operationId: "listKeys",
    summary: "List API keys",
    description:
      "The caller's account's keys, newest first, including revoked, expired and rotated ones (never their secrets).",
    tag: "keys",
    scope: "keys:manage",
    query: ListKeysQuerySchema,
    example: { query: { pageSize: 20 } },
    problems: ["ACCOUNT_NOT_FOUND"],
    page: {
      id: "ApiKeyPage",
      field: "keys",
      item: ApiKeySchema,
      description: "A page of keys.",
      example: [API_KEY_EXAMPLE],
    },
    list: async ({ query, caller }, page) => {
      const auth = requireCaller(caller);
      const accountId = query.accountId ?? auth.accountId;
      if (accountId !== auth.accountId && !isAdmin(auth)) {
        throw new DomainError("ACCOUNT_NOT_FOUND", `No account ${accountId}.`);
      }
      const { apiKeys, nextPageToken } = await clients.keys.listKeys({ accountId, ...page });
      return { items: apiKeys.map(keyJson), nextPageToken };
    },
  });
}
