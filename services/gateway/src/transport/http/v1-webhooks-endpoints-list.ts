import { requireCaller } from "./caller.js";
import { defineListRoute, PageQuerySchema } from "./pages.js";
import { ENDPOINT_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointSchema } from "./webhook-schemas.js";

/** GET /v1/webhooks/endpoints: the account's endpoints, newest first. */
export function v1WebhooksEndpointsList(dependencies: WebhookRouteDependencies) {
  return defineListRoute({
    path: "/v1/webhooks/endpoints",
    operationId: "listWebhookEndpoints",
    summary: "List webhook endpoints",
    tag: "webhooks",
    scope: "webhooks:manage",
    query: PageQuerySchema,
    example: { query: { pageSize: 20 } },
    page: {
      id: "WebhookEndpointPage",
      field: "endpoints",
      item: EndpointSchema,
      description: "A page of endpoints.",
      example: [ENDPOINT_EXAMPLE],
    },
    list: async ({ caller }, page) => {
      const { endpoints, nextPageToken } = await dependencies.client.listEndpoints({
        accountId: requireCaller(caller).accountId,
        ...page,
      });
      return { items: endpoints.map(endpointJson), nextPageToken };
    },
  });
}
