import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_EXAMPLE, ENDPOINT_ID_EXAMPLE } from "./webhook-examples.js";
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
    request: { params: EndpointIdParamsSchema },
    example: { params: { endpointId: ENDPOINT_ID_EXAMPLE } },
    problems: ["ENDPOINT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: { description: "The endpoint.", schema: EndpointSchema, example: ENDPOINT_EXAMPLE },
    },
    handler: async ({ params, caller }) => {
      const { endpoint } = await dependencies.client.getEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
