import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import { endpointToProto } from "./messages.js";

export function enableEndpoint(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["enableEndpoint"] {
  return async (request) => {
    const endpoint = await endpoints.enable(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
    );
    return { endpoint: endpointToProto(endpoint) };
  };
}
