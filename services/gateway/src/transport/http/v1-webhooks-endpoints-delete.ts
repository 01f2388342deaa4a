import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";

/** DELETE /v1/webhooks/endpoints/{endpointId}: the endpoint, its messages and attempts. */
export function v1WebhooksEndpointsDelete(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "DELETE",
    path: "/v1/webhooks/endpoints/{endpointId}",
    operationId: "deleteWebhookEndpoint",
    summary: "Delete a webhook endpoint",
    description:
      "Deletes the endpoint with its messages and their attempts; nothing more is sent to it.",
    responses: { 204: { description: "Deleted." } },
    handler: async ({ accountId, params }) => {
      await dependencies.client.deleteEndpoint({ accountId, ...params });
      return { status: 204, contentType: "application/json", payload: "" };
    },
  });
}
