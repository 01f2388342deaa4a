import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import { requiredDate } from "./messages.js";

export function recoverEndpoint(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["recoverEndpoint"] {
  return async (request) => {
    const queued = await endpoints.recover(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
      requiredDate(request.since, "since"),
    );
    return { messagesQueued: queued };
  };
}
