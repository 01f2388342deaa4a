import { z } from "zod";
import { defineRoute } from "./route-registry.js";
import {
  AttemptSchema,
  accountOf,
  attemptJson,
  MessageIdParamsSchema,
  PageQuerySchema,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

const AttemptPageSchema = z
  .object({
    attempts: z.array(AttemptSchema).describe("Newest first."),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "WebhookAttemptPage" });

/** GET /v1/webhooks/messages/{messageId}/attempts: every attempt, newest first. */
export function v1WebhooksMessagesAttempts(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/messages/{messageId}/attempts",
    operationId: "listWebhookMessageAttempts",
    summary: "List a message's delivery attempts",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: MessageIdParamsSchema, query: PageQuerySchema },
    responses: { 200: { description: "A page of attempts.", schema: AttemptPageSchema } },
    handler: async ({ params, query, response }) => {
      const page = await dependencies.client.listAttempts({
        accountId: accountOf(response),
        messageId: params.messageId,
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          attempts: page.attempts.map(attemptJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
