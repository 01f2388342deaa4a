import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema, EndpointSchema } from "./webhook-schemas.js";

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
    handler: async ({ params, caller }) => {
      const { endpoint } = await dependencies.client.getEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
