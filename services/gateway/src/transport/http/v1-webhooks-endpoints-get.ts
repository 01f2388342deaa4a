import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  EndpointIdParamsSchema,
  EndpointSchema,
  endpointJson,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

/** GET /v1/webhooks/endpoints/{endpointId}: one endpoint (never its secret). */
export function v1WebhooksEndpointsGet(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/endpoints/{endpointId}",
    operationId: "getWebhookEndpoint",
    summary: "Get a webhook endpoint",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: EndpointIdParamsSchema },
    responses: { 200: { description: "The endpoint.", schema: EndpointSchema } },
    handler: async ({ params, response }) => {
      const { endpoint } = await dependencies.client.getEndpoint({
        accountId: accountOf(response),
        endpointId: params.endpointId,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
