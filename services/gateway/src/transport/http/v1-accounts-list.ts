import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { accountJson } from "./account-messages.js";
import { ACCOUNT_EXAMPLE, AccountSchema } from "./account-schemas.js";
import { PageTokenSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const ListAccountsQuerySchema = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe("1-100, default 50."),
  pageToken: PageTokenSchema.optional(),
});

const AccountPageSchema = z
  .object({ accounts: z.array(AccountSchema), nextPageToken: z.string().optional() })
  .meta({ id: "AccountPage" });

/** GET /v1/accounts (admin): every tenant, newest first. */
export function v1AccountsList(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/accounts",
    operationId: "listAccounts",
    summary: "List accounts (admin)",
    tags: ["accounts"],
    scope: "admin",
    request: { query: ListAccountsQuerySchema },
    example: { query: { pageSize: 20 } },
    problems: ["INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of accounts.",
        schema: AccountPageSchema,
        example: { accounts: [ACCOUNT_EXAMPLE] },
      },
    },
    handler: async ({ query }) => {
      const page = await clients.accounts.listAccounts({
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          accounts: page.accounts.map(accountJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
