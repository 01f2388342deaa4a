import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import { endpointToProto } from "./messages.js";

export function listEndpoints(
  endpoints: EndpointService,
): ServiceImplementation<typeof WebhookService>["listEndpoints"] {
  return async (request) => {
    const page = await endpoints.list(
      requireId(request.accountId, "accountId"),
      request.pageSize,
      request.pageToken,
    );
    return {
      endpoints: page.items.map(endpointToProto),
      nextPageToken: page.nextPageToken ?? "",
    };
  };
}
