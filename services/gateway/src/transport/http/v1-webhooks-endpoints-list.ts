import { z } from "zod";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointSchema, PageQuerySchema } from "./webhook-schemas.js";

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
    request: { query: PageQuerySchema },
    example: { query: { pageSize: 20 } },
    problems: ["INVALID_PAGE_TOKEN", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "A page of endpoints.",
        schema: EndpointPageSchema,
        example: { endpoints: [ENDPOINT_EXAMPLE] },
      },
    },
    handler: async ({ query, caller }) => {
      const page = await dependencies.client.listEndpoints({
        accountId: requireCaller(caller).accountId,
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
