import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";

const RecoverBodySchema = z
  .strictObject({
    since: z.iso
      .datetime({ offset: true })
      .describe("Failed messages created since then are sent again; at most 14 days back."),
  })
  .meta({ id: "RecoverWebhookEndpointRequest" });

const RecoverResultSchema = z
  .object({ messagesQueued: z.int().describe("Failed messages queued for one more attempt.") })
  .meta({ id: "RecoverWebhookEndpointResult" });

/** POST /v1/webhooks/endpoints/{endpointId}/recover: redeliver what failed since a time. */
export function v1WebhooksEndpointsRecover(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/recover",
    operationId: "recoverWebhookEndpoint",
    summary: "Redeliver failed messages",
    description:
      "Every failed message of the endpoint created since `since` gets one more attempt, now (same webhook-id as before). The endpoint must be enabled (endpoint-disabled otherwise).",
    body: RecoverBodySchema,
    bodyExample: { since: "2026-12-01T00:00:00Z" },
    problems: ["ENDPOINT_DISABLED", "RECOVER_WINDOW_EXCEEDED"],
    responses: {
      202: {
        description: "How many messages were queued.",
        schema: RecoverResultSchema,
        example: { messagesQueued: 3 },
      },
    },
    handler: async ({ accountId, params, body }) => {
      const result = await dependencies.client.recoverEndpoint({
        accountId,
        endpointId: params.endpointId,
        since: timestampFromDate(new Date(body.since)),
      });
      return { status: 202, json: { messagesQueued: result.messagesQueued } };
    },
  });
}
