import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import { endpointToProto, kindFromProto } from "./messages.js";

export function createEndpoint(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["createEndpoint"] {
  return async (request) => {
    const created = await endpoints.create({
      accountId: requireId(request.accountId, "accountId"),
      url: request.url,
      description: request.description,
      kind: kindFromProto(request.kind),
      eventTypes: request.eventTypes,
      metadata: request.metadata,
      rateLimitPerSecond: request.rateLimitPerSecond,
      maxEndpoints: request.maxEndpoints,
    });
    return { endpoint: endpointToProto(created.endpoint), signingSecret: created.secret };
  };
}
