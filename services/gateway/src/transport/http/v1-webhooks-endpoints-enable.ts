import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import { ENDPOINT_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointSchema } from "./webhook-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/enable: deliveries start again. */
export function v1WebhooksEndpointsEnable(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/enable",
    operationId: "enableWebhookEndpoint",
    summary: "Enable a disabled endpoint",
    description:
      "New events are delivered again and its failure clock starts afresh. Messages that failed while it was disabled stay failed: send them with recover.",
    responses: {
      200: {
        description: "The endpoint, enabled.",
        schema: EndpointSchema,
        example: ENDPOINT_EXAMPLE,
      },
    },
    handler: async ({ accountId, params }) => {
      const { endpoint } = await dependencies.client.enableEndpoint({ accountId, ...params });
      return { json: endpointJson(endpoint) };
    },
  });
}
