import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";

export function deleteEndpoint(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["deleteEndpoint"] {
  return async (request) => {
    await endpoints.delete(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
    );
    return {};
  };
}
