import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_EXAMPLE, ENDPOINT_ID_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema, EndpointSchema } from "./webhook-schemas.js";

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
    request: { params: EndpointIdParamsSchema },
    example: { params: { endpointId: ENDPOINT_ID_EXAMPLE } },
    problems: ["ENDPOINT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The endpoint, enabled.",
        schema: EndpointSchema,
        example: ENDPOINT_EXAMPLE,
      },
    },
    handler: async ({ params, caller }) => {
      const { endpoint } = await dependencies.client.enableEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
