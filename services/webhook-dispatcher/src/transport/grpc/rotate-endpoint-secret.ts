import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import { endpointToProto } from "./messages.js";

export function rotateEndpointSecret(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["rotateEndpointSecret"] {
  return async (request) => {
    const rotated = await endpoints.rotateSecret(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
    );
    return { endpoint: endpointToProto(rotated.endpoint), signingSecret: rotated.secret };
  };
}
