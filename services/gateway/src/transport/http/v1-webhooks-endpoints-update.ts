import { z } from "zod";
import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema, EndpointSchema } from "./webhook-schemas.js";

const UpdateEndpointBodySchema = z
  .strictObject({
    url: z.string().optional(),
    eventTypes: z
      .array(z.string())
      .optional()
      .describe("Replaces the filter; [] means every type."),
    description: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional().describe("Replaces the metadata."),
    rateLimitPerSecond: z.int().nullable().optional().describe("null removes the throttle."),
    disabled: z
      .boolean()
      .optional()
      .describe("true stops deliveries (its queued messages fail); false is the same as enable."),
  })
  .meta({ id: "UpdateWebhookEndpointRequest" });

/** PATCH /v1/webhooks/endpoints/{endpointId}: changes the fields sent. */
export function v1WebhooksEndpointsUpdate(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "PATCH",
    path: "/v1/webhooks/endpoints/{endpointId}",
    operationId: "updateWebhookEndpoint",
    summary: "Update a webhook endpoint",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    request: { params: EndpointIdParamsSchema, body: UpdateEndpointBodySchema },
    responses: { 200: { description: "The endpoint as it is now.", schema: EndpointSchema } },
    handler: async ({ params, body, caller }) => {
      const { endpoint } = await dependencies.client.updateEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
        url: body.url,
        description: body.description,
        eventTypes: body.eventTypes ?? [],
        updateEventTypes: body.eventTypes !== undefined,
        metadata: body.metadata ?? {},
        updateMetadata: body.metadata !== undefined,
        rateLimitPerSecond: body.rateLimitPerSecond ?? undefined,
        clearRateLimit: body.rateLimitPerSecond === null,
        disabled: body.disabled,
      });
      return { json: endpointJson(endpoint) };
    },
  });
}
