import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import { ENDPOINT_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointSchema } from "./webhook-schemas.js";

/** GET /v1/webhooks/endpoints/{endpointId}: one endpoint (never its secret). */
export function v1WebhooksEndpointsGet(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "GET",
    path: "/v1/webhooks/endpoints/{endpointId}",
    operationId: "getWebhookEndpoint",
    summary: "Get a webhook endpoint",
    responses: {
      200: { description: "The endpoint.", schema: EndpointSchema, example: ENDPOINT_EXAMPLE },
    },
    handler: async ({ accountId, params }) => {
      const { endpoint } = await dependencies.client.getEndpoint({ accountId, ...params });
      return { json: endpointJson(endpoint) };
    },
  });
}
