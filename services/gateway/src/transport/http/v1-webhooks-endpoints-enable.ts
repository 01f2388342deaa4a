import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  EndpointIdParamsSchema,
  EndpointSchema,
  endpointJson,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/enable: deliveries start again. */
export function v1WebhooksEndpointsEnable(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/enable",
    operationId: "enableWebhookEndpoint",
    summary: "Enable a disabled endpoint",
    description:
      "New events are delivered again and its failure clock starts afresh. Messages that failed while it was disabled stay failed: send them with recover.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: EndpointIdParamsSchema },
    responses: { 200: { description: "The endpoint, enabled.", schema: EndpointSchema } },
    handler: async ({ params, response }) => {
      const { endpoint } = await dependencies.client.enableEndpoint({
        accountId: accountOf(response),
        endpointId: params.endpointId,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
