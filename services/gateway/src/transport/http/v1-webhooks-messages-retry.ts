import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  MessageIdParamsSchema,
  MessageSchema,
  messageJson,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

/** POST /v1/webhooks/messages/{messageId}/retry: one more attempt, now. */
export function v1WebhooksMessagesRetry(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/messages/{messageId}/retry",
    operationId: "retryWebhookMessage",
    summary: "Retry a webhook message",
    description:
      "Queues one more attempt of the message now, whatever its status, with the same webhook-id (a message already in flight is left as it is). Its endpoint must be enabled.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: MessageIdParamsSchema },
    responses: { 202: { description: "The message, queued.", schema: MessageSchema } },
    handler: async ({ params, response }) => {
      const { message } = await dependencies.client.retryMessage({
        accountId: accountOf(response),
        messageId: params.messageId,
      });
      return { status: 202, json: messageJson(message) };
    },
  });
}
