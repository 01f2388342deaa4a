import { z } from "zod";
import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_REQUEST_EXAMPLE, ENDPOINT_WITH_SECRET_EXAMPLE } from "./webhook-examples.js";
import { endpointJson, endpointLimit, kindToMessage } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import {
  ENDPOINT_FIELD_CODES,
  ENDPOINT_KINDS,
  ENDPOINT_PROBLEMS,
  EndpointDescriptionSchema,
  EndpointUrlSchema,
  EndpointWithSecretSchema,
  EventTypesSchema,
  MetadataSchema,
  RateLimitPerSecondSchema,
} from "./webhook-schemas.js";

const CreateEndpointBodySchema = z
  .strictObject({
    url: EndpointUrlSchema,
    eventTypes: EventTypesSchema.optional().describe(
      "Event types to deliver (GET /v1/webhooks/event-types); all when left out.",
    ),
    description: EndpointDescriptionSchema.optional(),
    metadata: MetadataSchema.optional().describe("Up to 16 string pairs of your own."),
    rateLimitPerSecond: RateLimitPerSecondSchema.optional().describe(
      "Deliveries per second at most (1-10,000).",
    ),
    kind: z.enum(ENDPOINT_KINDS).optional().describe("Default standard."),
  })
  .meta({ id: "CreateWebhookEndpointRequest" });

/** POST /v1/webhooks/endpoints: a new endpoint and its signing secret, shown once. */
export function v1WebhooksEndpointsCreate(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/endpoints",
    operationId: "createWebhookEndpoint",
    summary: "Create a webhook endpoint",
    description:
      "Returns the endpoint with its signing `secret`, once: no later response contains it. The plan limits how many endpoints an account has (webhook-endpoint-limit-reached). Not idempotent by Idempotency-Key (the response carries a secret and is never stored).",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    idempotent: false,
    request: { body: CreateEndpointBodySchema },
    example: { body: ENDPOINT_REQUEST_EXAMPLE },
    problems: [...ENDPOINT_PROBLEMS, "WEBHOOK_ENDPOINT_LIMIT_REACHED"],
    fieldCodes: ENDPOINT_FIELD_CODES,
    responses: {
      201: {
        description: "The endpoint, with its secret.",
        schema: EndpointWithSecretSchema,
        example: ENDPOINT_WITH_SECRET_EXAMPLE,
        headers: { Location: { description: "/v1/webhooks/endpoints/{endpointId}" } },
      },
    },
    handler: async ({ body, caller }) => {
      const created = await dependencies.client.createEndpoint({
        accountId: requireCaller(caller).accountId,
        url: body.url,
        eventTypes: body.eventTypes ?? [],
        description: body.description ?? "",
        metadata: body.metadata ?? {},
        rateLimitPerSecond: body.rateLimitPerSecond,
        kind: kindToMessage(body.kind),
        maxEndpoints: endpointLimit(caller, dependencies.policy()),
      });
      const endpoint = endpointJson(created.endpoint);
      return {
        status: 201,
        headers: { location: `/v1/webhooks/endpoints/${endpoint.id}` },
        json: { ...endpoint, secret: created.signingSecret },
      };
    },
  });
}
