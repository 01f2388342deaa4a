import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  MessageIdParamsSchema,
  MessageSchema,
  messageJson,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

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
    handler: async ({ params, response }) => {
      const { message } = await dependencies.client.getMessage({
        accountId: accountOf(response),
        messageId: params.messageId,
      });
      return { json: messageJson(message) };
    },
  });
}
