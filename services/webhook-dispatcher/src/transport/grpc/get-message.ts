import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { MessageService } from "../../domain/messages.js";
import { messageToProto } from "./messages.js";

export function getMessage(
  messages: MessageService,
): ServiceImplementation<typeof WebhookService>["getMessage"] {
  return async (request) => {
    const message = await messages.get(
      requireId(request.accountId, "accountId"),
      requireId(request.messageId, "messageId"),
    );
    return { message: messageToProto(message) };
  };
}
