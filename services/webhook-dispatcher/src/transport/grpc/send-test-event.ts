import { requireId } from "@orrery/errors";
import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { TestEvents } from "../../domain/test-events.js";
import { messageToProto } from "./messages.js";

export function sendTestEvent(
  tests: TestEvents,
): ServiceImplementation<typeof WebhookService>["sendTestEvent"] {
  return async (request) => {
    const message = await tests.send(
      requireId(request.accountId, "accountId"),
      requireId(request.endpointId, "endpointId"),
    );
    return { message: messageToProto(message) };
  };
}
