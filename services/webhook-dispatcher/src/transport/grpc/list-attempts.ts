import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { MessageService } from "../../domain/messages.js";
import { attemptToProto } from "./messages.js";

export function listAttempts(
  messages: MessageService,
): ServiceImplementation<typeof WebhookService>["listAttempts"] {
  return async (request) => {
    const page = await messages.attempts(
      requireId(request.accountId, "accountId"),
      requireId(request.messageId, "messageId"),
      request.pageSize,
      request.pageToken,
    );
    return { attempts: page.items.map(attemptToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
