import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { MessageService } from "../../domain/messages.js";
import { messageToProto } from "./messages.js";

export function retryMessage(
  messages: MessageService,
): ServiceImplementation<typeof WebhookService>["retryMessage"] {
  return async (request) => {
    const message = await messages.retry(
      requireId(request.accountId, "accountId"),
      requireId(request.messageId, "messageId"),
    );
    return { message: messageToProto(message) };
  };
}
