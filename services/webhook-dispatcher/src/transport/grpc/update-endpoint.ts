import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import type { EndpointPatch } from "../../domain/ports.js";
import { endpointToProto } from "./messages.js";

export function updateEndpoint(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["updateEndpoint"] {
  return async (request) => {
    const patch: EndpointPatch = {
      ...(request.url === undefined ? {} : { url: request.url }),
      ...(request.description === undefined ? {} : { description: request.description }),
      ...(request.updateEventTypes ? { eventTypes: request.eventTypes } : {}),
      ...(request.updateMetadata ? { metadata: request.metadata } : {}),
      ...(request.clearRateLimit
        ? { rateLimitPerSecond: null }
        : request.rateLimitPerSecond === undefined
          ? {}
          : { rateLimitPerSecond: request.rateLimitPerSecond }),
      ...(request.disabled === undefined ? {} : { disabled: request.disabled }),
    };
    const endpoint = await endpoints.update(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
      patch,
    );
    return { endpoint: endpointToProto(endpoint) };
  };
}
