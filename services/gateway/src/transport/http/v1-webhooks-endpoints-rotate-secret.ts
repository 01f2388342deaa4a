import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";
import { endpointJson } from "./webhook-messages.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema, EndpointWithSecretSchema } from "./webhook-schemas.js";

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
    handler: async ({ params, caller }) => {
      const rotated = await dependencies.client.rotateEndpointSecret({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
      });
      return { json: { ...endpointJson(rotated.endpoint), secret: rotated.signingSecret } };
    },
  });
}
