import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MessageIdParamsSchema, MessageSchema } from "./webhook-schemas.js";

/** GET /v1/webhooks/messages/{messageId}: one message with its payload. */
export function v1WebhooksMessagesGet(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/messages/{messageId}",
    operationId: "getWebhookMessage",
    summary: "Get a webhook message",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: MessageIdParamsSchema },
    responses: { 200: { description: "The message and its payload.", schema: MessageSchema } },
    handler: async ({ params, caller }) => {
      const { message } = await dependencies.client.getMessage({
        accountId: requireCaller(caller).accountId,
        messageId: params.messageId,
      });
      return { json: messageJson(message) };
    },
  });
}
