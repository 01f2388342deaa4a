import { z } from "zod";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson, statusToMessage } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MESSAGE_STATUSES, MessageSchema, PageQuerySchema } from "./webhook-schemas.js";

const ListMessagesQuerySchema = PageQuerySchema.extend({
  endpointId: z.string().max(100).optional().describe("Only this endpoint's messages."),
  eventType: z.string().max(100).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
});

const MessagePageSchema = z
  .object({
    messages: z.array(MessageSchema).describe("Without payload (GET one message for it)."),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "WebhookMessagePage" });

/** GET /v1/webhooks/messages: the account's messages, newest first. */
export function v1WebhooksMessagesList(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/messages",
    operationId: "listWebhookMessages",
    summary: "List webhook messages",
    description: "One message per event and endpoint, newest first; kept 30 days.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    request: { query: ListMessagesQuerySchema },
    example: { query: { status: "failed", pageSize: 20 } },
    problems: ["INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of messages.",
        schema: MessagePageSchema,
        example: { messages: [{ ...MESSAGE_EXAMPLE, payload: undefined }] },
      },
    },
    handler: async ({ query, caller }) => {
      const page = await dependencies.client.listMessages({
        accountId: requireCaller(caller).accountId,
        endpointId: query.endpointId ?? "",
        eventType: query.eventType ?? "",
        status: statusToMessage(query.status),
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          messages: page.messages.map(messageJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
