import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_MESSAGE } from "./resources.js";
import { MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MessageSchema } from "./webhook-schemas.js";

/** GET /v1/webhooks/messages/{messageId}: one message with its payload. */
export function v1WebhooksMessagesGet(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_MESSAGE, {
    method: "GET",
    path: "/v1/webhooks/messages/{messageId}",
    operationId: "getWebhookMessage",
    summary: "Get a webhook message",
    responses: {
      200: {
        description: "The message and its payload.",
        schema: MessageSchema,
        example: MESSAGE_EXAMPLE,
      },
    },
    handler: async ({ accountId, params }) => {
      const { message } = await dependencies.client.getMessage({ accountId, ...params });
      return { json: messageJson(message) };
    },
  });
}
