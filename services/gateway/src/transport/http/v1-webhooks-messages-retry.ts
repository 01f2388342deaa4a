import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_MESSAGE } from "./resources.js";
import { MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MessageSchema } from "./webhook-schemas.js";

/** POST /v1/webhooks/messages/{messageId}/retry: one more attempt, now. */
export function v1WebhooksMessagesRetry(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_MESSAGE, {
    method: "POST",
    path: "/v1/webhooks/messages/{messageId}/retry",
    operationId: "retryWebhookMessage",
    summary: "Retry a webhook message",
    description:
      "Queues one more attempt of the message now, whatever its status, with the same webhook-id (a message already in flight is left as it is). Its endpoint must be enabled.",
    problems: ["ENDPOINT_DISABLED"],
    responses: {
      202: { description: "The message, queued.", schema: MessageSchema, example: MESSAGE_EXAMPLE },
    },
    handler: async ({ accountId, params }) => {
      const { message } = await dependencies.client.retryMessage({ accountId, ...params });
      return { status: 202, json: messageJson(message) };
    },
  });
}
