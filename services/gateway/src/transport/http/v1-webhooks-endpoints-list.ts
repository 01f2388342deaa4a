import { z } from "zod";
import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  EndpointSchema,
  endpointJson,
  PageQuerySchema,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

const EndpointPageSchema = z
  .object({
    endpoints: z.array(EndpointSchema),
    nextPageToken: z.string().optional().describe("Absent on the last page."),
  })
  .meta({ id: "WebhookEndpointPage" });

/** GET /v1/webhooks/endpoints: the account's endpoints, newest first. */
export function v1WebhooksEndpointsList(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/endpoints",
    operationId: "listWebhookEndpoints",
    summary: "List webhook endpoints",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { query: PageQuerySchema },
    responses: { 200: { description: "A page of endpoints.", schema: EndpointPageSchema } },
    handler: async ({ query, response }) => {
      const page = await dependencies.client.listEndpoints({
        accountId: accountOf(response),
        pageSize: query.pageSize ?? 0,
        pageToken: query.pageToken ?? "",
      });
      return {
        json: {
          endpoints: page.endpoints.map(endpointJson),
          ...(page.nextPageToken === "" ? {} : { nextPageToken: page.nextPageToken }),
        },
      };
    },
  });
}
