import { requireCaller } from "./caller.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";
import { ATTEMPT_EXAMPLE, MESSAGE_ID_EXAMPLE } from "./webhook-examples.js";
import { attemptJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { AttemptSchema, MessageIdParamsSchema } from "./webhook-schemas.js";

/** GET /v1/webhooks/messages/{messageId}/attempts: every attempt, newest first. */
export function v1WebhooksMessagesAttemptsList(dependencies: WebhookRouteDependencies) {
  return defineListRoute({
    path: "/v1/webhooks/messages/{messageId}/attempts",
    operationId: "listWebhookMessageAttempts",
    summary: "List a message's delivery attempts",
    tag: "webhooks",
    scope: "webhooks:manage",
    query: PageQuerySchema,
    params: MessageIdParamsSchema,
    example: { params: { messageId: MESSAGE_ID_EXAMPLE }, query: { pageSize: 20 } },
    problems: ["MESSAGE_NOT_FOUND"],
    page: {
      id: "WebhookAttemptPage",
      field: "attempts",
      item: AttemptSchema,
      itemsDescription: "Newest first.",
      description: "A page of attempts.",
      example: [ATTEMPT_EXAMPLE],
    },
    list: async ({ params, caller }, page) => {
      const { attempts, nextPageToken } = await dependencies.client.listAttempts({
        accountId: requireCaller(caller).accountId,
        messageId: params.messageId,
        ...page,
      });
      return { items: attempts.map(attemptJson), nextPageToken };
    },
  });
}
