import { defineRoute } from "./route-registry.js";
import {
  accountOf,
  EndpointIdParamsSchema,
  EndpointWithSecretSchema,
  endpointJson,
  type WebhookRouteDependencies,
} from "./v1-webhooks-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/rotate-secret: a new secret; the old one signs 24 h more. */
export function v1WebhooksEndpointsRotateSecret(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/rotate-secret",
    operationId: "rotateWebhookEndpointSecret",
    summary: "Rotate an endpoint's signing secret",
    description:
      "Returns the new secret, once. For 24 hours (until previousSecretExpiresAt) every delivery carries two signatures, one per secret, so a receiver can switch without losing a message. Rotating again in that window ends the older secret's window at once.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    idempotent: false,
    request: { params: EndpointIdParamsSchema },
    responses: {
      200: { description: "The endpoint, with its new secret.", schema: EndpointWithSecretSchema },
    },
    handler: async ({ params, response }) => {
      const rotated = await dependencies.client.rotateEndpointSecret({
        accountId: accountOf(response),
        endpointId: params.endpointId,
      });
      return { json: { ...endpointJson(rotated.endpoint), secret: rotated.signingSecret } };
    },
  });
}
