import { z } from "zod";
import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { endpointJson, endpointLimit, kindToMessage } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { ENDPOINT_KINDS, EndpointWithSecretSchema } from "./webhook-schemas.js";

const CreateEndpointBodySchema = z
  .strictObject({
    url: z
      .string()
      .describe(
        "https URL that receives POSTs. Its host must not resolve to a private, loopback, link-local or otherwise reserved address (checked now and at every connection).",
      ),
    eventTypes: z
      .array(z.string())
      .optional()
      .describe("Event types to deliver (GET /v1/webhooks/event-types); all when left out."),
    description: z.string().optional(),
    metadata: z
      .record(z.string(), z.string())
      .optional()
      .describe("Up to 16 string pairs of your own."),
    rateLimitPerSecond: z.int().optional().describe("Deliveries per second at most (1-10,000)."),
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
    cost: 0,
    idempotent: false,
    request: { body: CreateEndpointBodySchema },
    responses: {
      201: {
        description: "The endpoint, with its secret.",
        schema: EndpointWithSecretSchema,
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
