import { DomainError } from "@orrery/errors";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { isAdmin } from "../../domain/authentication.js";
import { AccountIdSchema } from "./account-schemas.js";
import { requireCaller } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { API_KEY_EXAMPLE, ApiKeySchema, PageTokenSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const ListKeysQuerySchema = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe("1-100, default 50."),
  pageToken: PageTokenSchema.optional(),
  accountId: AccountIdSchema.optional().describe(
    "Admin keys only: whose keys (default: the caller's).",
  ),
});

const KeyPageSchema = z
  .object({
    keys: z.array(ApiKeySchema),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "ApiKeyPage" });

/** GET /v1/keys: the account's keys, newest first, revoked and expired ones included. */
export function v1KeysList(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/keys",
    operationId: "listKeys",
    summary: "List API keys",
    description:
      "The caller's account's keys, newest first, including revoked, expired and rotated ones (never their secrets).",
    tags: ["keys"],
    scope: "keys:manage",
    request: { query: ListKeysQuerySchema },
    example: { query: { pageSize: 20 } },
    problems: ["ACCOUNT_NOT_FOUND", "INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of keys.",
        schema: KeyPageSchema,
        example: { keys: [API_KEY_EXAMPLE] },
      },
    },
    handler: async ({ query, caller }) => {
      const auth = requireCaller(caller);
      const accountId = query.accountId ?? auth.accountId;
      if (accountId !== auth.accountId && !isAdmin(auth)) {
        throw new DomainError("ACCOUNT_NOT_FOUND", `No account ${accountId}.`);
      }
      const page = await clients.keys.listKeys({
        accountId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          keys: page.apiKeys.map(keyJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
