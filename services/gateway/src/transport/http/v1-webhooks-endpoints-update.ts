import { z } from "zod";
import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_EXAMPLE, ENDPOINT_ID_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import {
  ENDPOINT_FIELD_CODES,
  ENDPOINT_PROBLEMS,
  EndpointDescriptionSchema,
  EndpointIdParamsSchema,
  EndpointSchema,
  EndpointUrlSchema,
  EventTypesSchema,
  MetadataSchema,
  RateLimitPerSecondSchema,
} from "./webhook-schemas.js";

const UpdateEndpointBodySchema = z
  .strictObject({
    url: EndpointUrlSchema.optional(),
    eventTypes: EventTypesSchema.optional().describe("Replaces the filter; [] means every type."),
    description: EndpointDescriptionSchema.optional(),
    metadata: MetadataSchema.optional().describe("Replaces the metadata."),
    rateLimitPerSecond: RateLimitPerSecondSchema.nullable()
      .optional()
      .describe("null removes the throttle."),
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
    request: { params: EndpointIdParamsSchema, body: UpdateEndpointBodySchema },
    example: {
      params: { endpointId: ENDPOINT_ID_EXAMPLE },
      body: { description: "Production receiver (billing)", rateLimitPerSecond: 50 },
    },
    problems: ENDPOINT_PROBLEMS,
    fieldCodes: ENDPOINT_FIELD_CODES,
    responses: {
      200: {
        description: "The endpoint as it is now.",
        schema: EndpointSchema,
        example: {
          ...ENDPOINT_EXAMPLE,
          description: "Production receiver (billing)",
          rateLimitPerSecond: 50,
          updatedAt: "2026-12-01T11:00:00.000Z",
        },
      },
    },
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
