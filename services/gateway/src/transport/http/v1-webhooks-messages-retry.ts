import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { MESSAGE_EXAMPLE, MESSAGE_ID_EXAMPLE } from "./webhook-examples.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MessageIdParamsSchema, MessageSchema } from "./webhook-schemas.js";

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
    request: { params: MessageIdParamsSchema },
    example: { params: { messageId: MESSAGE_ID_EXAMPLE } },
    problems: ["MESSAGE_NOT_FOUND", "ENDPOINT_DISABLED", ...UPSTREAM_PROBLEMS],
    responses: {
      202: { description: "The message, queued.", schema: MessageSchema, example: MESSAGE_EXAMPLE },
    },
    handler: async ({ params, caller }) => {
      const { message } = await dependencies.client.retryMessage({
        accountId: requireCaller(caller).accountId,
        messageId: params.messageId,
      });
      return { status: 202, json: messageJson(message) };
    },
  });
}
