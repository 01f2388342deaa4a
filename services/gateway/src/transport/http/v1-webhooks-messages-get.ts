import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { MESSAGE_EXAMPLE, MESSAGE_ID_EXAMPLE } from "./webhook-examples.js";
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
    request: { params: MessageIdParamsSchema },
    example: { params: { messageId: MESSAGE_ID_EXAMPLE } },
    problems: ["MESSAGE_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The message and its payload.",
        schema: MessageSchema,
        example: MESSAGE_EXAMPLE,
      },
    },
    handler: async ({ params, caller }) => {
      const { message } = await dependencies.client.getMessage({
        accountId: requireCaller(caller).accountId,
        messageId: params.messageId,
      });
      return { json: messageJson(message) };
    },
  });
}
