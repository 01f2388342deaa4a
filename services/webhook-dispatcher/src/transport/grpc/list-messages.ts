import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { MessageService } from "../../domain/messages.js";
import { messageToProto, statusFromProto } from "./messages.js";

export function listMessages(
  messages: MessageService,
): ServiceImplementation<typeof WebhookService>["listMessages"] {
  return async (request) => {
    const status = statusFromProto(request.status);
    const page = await messages.list(
      requireId(request.accountId, "accountId"),
      {
        ...(request.endpointId === "" ? {} : { endpointId: request.endpointId }),
        ...(request.eventType === "" ? {} : { eventType: request.eventType }),
        ...(status === undefined ? {} : { status }),
      },
      request.pageSize,
      request.pageToken,
    );
    return { messages: page.items.map(messageToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
