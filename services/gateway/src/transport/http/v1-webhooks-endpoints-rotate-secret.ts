import { defineResourceRoute } from "./resource-route.js";
import { WEBHOOK_ENDPOINT } from "./resources.js";
import { ENDPOINT_WITH_SECRET_EXAMPLE } from "./webhook-examples.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointWithSecretSchema } from "./webhook-schemas.js";

/** POST /v1/webhooks/endpoints/{endpointId}/rotate-secret: a new secret; the old one signs 24 h more. */
export function v1WebhooksEndpointsRotateSecret(dependencies: WebhookRouteDependencies) {
  return defineResourceRoute(WEBHOOK_ENDPOINT, {
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/rotate-secret",
    operationId: "rotateWebhookEndpointSecret",
    summary: "Rotate an endpoint's signing secret",
    description:
      "Returns the new secret, once. For 24 hours (until previousSecretExpiresAt) every delivery carries two signatures, one per secret, so a receiver can switch without losing a message. Rotating again in that window ends the older secret's window at once.",
    idempotent: false,
    responses: {
      200: {
        description: "The endpoint, with its new secret.",
        schema: EndpointWithSecretSchema,
        example: {
          ...ENDPOINT_WITH_SECRET_EXAMPLE,
          previousSecretExpiresAt: "2026-12-02T10:00:00.000Z",
        },
      },
    },
    handler: async ({ accountId, params }) => {
      const rotated = await dependencies.client.rotateEndpointSecret({ accountId, ...params });
      return { json: { ...endpointJson(rotated.endpoint), secret: rotated.signingSecret } };
    },
  });
}
