import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_ID_EXAMPLE, MESSAGE_EXAMPLE } from "./webhook-examples.js";
import { messageJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema, MessageSchema } from "./webhook-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/test: a webhook.test event to this endpoint, now. */
export function v1WebhooksEndpointsTest(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/test",
    operationId: "testWebhookEndpoint",
    summary: "Send a test event",
    description:
      "Queues a webhook.test message for this endpoint only (whatever its eventTypes), due at once; follow it with GET /v1/webhooks/messages/{messageId}/attempts.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    request: { params: EndpointIdParamsSchema },
    example: { params: { endpointId: ENDPOINT_ID_EXAMPLE } },
    problems: ["ENDPOINT_NOT_FOUND", "ENDPOINT_DISABLED", ...UPSTREAM_PROBLEMS],
    responses: {
      202: { description: "The queued message.", schema: MessageSchema, example: MESSAGE_EXAMPLE },
    },
    handler: async ({ params, caller }) => {
      const { message } = await dependencies.client.sendTestEvent({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { status: 202, json: messageJson(message) };
    },
  });
}
