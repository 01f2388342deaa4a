import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_ID_EXAMPLE } from "./webhook-examples.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema } from "./webhook-schemas.js";

/** DELETE /v1/webhooks/endpoints/{endpointId}: the endpoint, its messages and attempts. */
export function v1WebhooksEndpointsDelete(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "DELETE",
    path: "/v1/webhooks/endpoints/{endpointId}",
    operationId: "deleteWebhookEndpoint",
    summary: "Delete a webhook endpoint",
    description:
      "Deletes the endpoint with its messages and their attempts; nothing more is sent to it.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    request: { params: EndpointIdParamsSchema },
    example: { params: { endpointId: ENDPOINT_ID_EXAMPLE } },
    problems: ["ENDPOINT_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: { 204: { description: "Deleted." } },
    handler: async ({ params, caller }) => {
      await dependencies.client.deleteEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { status: 204, contentType: "application/json", payload: "" };
    },
  });
}
