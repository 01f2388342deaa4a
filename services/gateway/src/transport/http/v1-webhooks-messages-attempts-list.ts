import { z } from "zod";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ATTEMPT_EXAMPLE, MESSAGE_ID_EXAMPLE } from "./webhook-examples.js";
import { attemptJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { AttemptSchema, MessageIdParamsSchema, PageQuerySchema } from "./webhook-schemas.js";

const AttemptPageSchema = z
  .object({
    attempts: z.array(AttemptSchema).describe("Newest first."),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "WebhookAttemptPage" });

/** GET /v1/webhooks/messages/{messageId}/attempts: every attempt, newest first. */
export function v1WebhooksMessagesAttemptsList(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/messages/{messageId}/attempts",
    operationId: "listWebhookMessageAttempts",
    summary: "List a message's delivery attempts",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    request: { params: MessageIdParamsSchema, query: PageQuerySchema },
    example: { params: { messageId: MESSAGE_ID_EXAMPLE }, query: { pageSize: 20 } },
    problems: ["MESSAGE_NOT_FOUND", "INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of attempts.",
        schema: AttemptPageSchema,
        example: { attempts: [ATTEMPT_EXAMPLE] },
      },
    },
    handler: async ({ params, query, caller }) => {
      const page = await dependencies.client.listAttempts({
        accountId: requireCaller(caller).accountId,
        messageId: params.messageId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          attempts: page.attempts.map(attemptJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
