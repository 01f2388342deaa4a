import { z } from "zod";
import { requireCaller } from "./caller.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";
import { MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson, statusToMessage } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MESSAGE_STATUSES, MessageSchema } from "./webhook-schemas.js";

const ListMessagesQuerySchema = PageQuerySchema.extend({
  endpointId: z.string().max(100).optional().describe("Only this endpoint's messages."),
  eventType: z.string().max(100).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
});

/** GET /v1/webhooks/messages: the account's messages, newest first. */
export function v1WebhooksMessagesList(dependencies: WebhookRouteDependencies) {
  return defineListRoute({
    path: "/v1/webhooks/messages",
    operationId: "listWebhookMessages",
    summary: "List webhook messages",
    description: "One message per event and endpoint, newest first; kept 30 days.",
    tag: "webhooks",
    scope: "webhooks:manage",
    query: ListMessagesQuerySchema,
    example: { query: { status: "failed", pageSize: 20 } },
    page: {
      id: "WebhookMessagePage",
      field: "messages",
      item: MessageSchema,
      itemsDescription: "Without payload (GET one message for it).",
      description: "A page of messages.",
      example: [{ ...MESSAGE_EXAMPLE, payload: undefined }],
    },
    list: async ({ query, caller }, page) => {
      const { messages, nextPageToken } = await dependencies.client.listMessages({
        accountId: requireCaller(caller).accountId,
        endpointId: query.endpointId ?? "",
        eventType: query.eventType ?? "",
        status: statusToMessage(query.status),
        ...page,
      });
      return { items: messages.map(messageJson), nextPageToken };
    },
  });
}
