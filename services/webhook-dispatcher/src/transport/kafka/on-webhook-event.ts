import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";

/**
 * orrery.webhooks.v1 (this service's own outbox) → webhook.endpoint.disabled and
 * webhook.message.failing, to the account's other endpoints: never to the endpoint the event
 * is about, so a failing endpoint cannot feed itself reports.
 */
export function onWebhookEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    const base = { id: event.id, accountId: event.accountId, time: event.time };
    if (event.type === "orrery.webhook.endpoint_disabled") {
      await messages.publish(
        {
          ...base,
          type: "webhook.endpoint.disabled",
          data: {
            accountId: event.accountId,
            endpointId: event.data.endpointId,
            reason: event.data.reason,
          },
        },
        { excludeEndpointId: event.data.endpointId },
      );
    } else if (event.type === "orrery.webhook.attempt_failing") {
      await messages.publish(
        {
          ...base,
          type: "webhook.message.failing",
          data: {
            accountId: event.accountId,
            endpointId: event.data.endpointId,
            messageId: event.data.messageId,
            attempt: event.data.attempt,
            responseStatus: event.data.responseStatus,
            error: event.data.error,
          },
        },
        { excludeEndpointId: event.data.endpointId },
      );
    }
  };
}
