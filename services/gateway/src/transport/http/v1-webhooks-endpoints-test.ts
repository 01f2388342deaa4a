import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import { MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { MessageSchema } from "./webhook-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/test: a webhook.test event to this endpoint, now. */
export function v1WebhooksEndpointsTest(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/test",
    operationId: "testWebhookEndpoint",
    summary: "Send a test event",
    description:
      "Queues a webhook.test message for this endpoint only (whatever its eventTypes), due at once; follow it with GET /v1/webhooks/messages/{messageId}/attempts.",
    problems: ["ENDPOINT_DISABLED"],
    responses: {
      202: { description: "The queued message.", schema: MessageSchema, example: MESSAGE_EXAMPLE },
    },
    handler: async ({ accountId, params }) => {
      const { message } = await dependencies.client.sendTestEvent({ accountId, ...params });
      return { status: 202, json: messageJson(message) };
    },
  });
}
