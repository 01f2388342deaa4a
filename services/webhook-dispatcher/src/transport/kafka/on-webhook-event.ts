import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { webhookEvent } from "./webhook-event.js";

/**
 * orrery.webhooks.v1 (this service's own outbox) → webhook.endpoint.disabled and
 * webhook.message.failing, to the account's other endpoints: never to the endpoint the event
 * is about, so a failing endpoint cannot feed itself reports.
 */
export function onWebhookEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type === "orrery.webhook.endpoint_disabled") {
      const { endpointId, reason } = event.data;
      await messages.publish(
        webhookEvent(event, "webhook.endpoint.disabled", { endpointId, reason }),
        { excludeEndpointId: endpointId },
      );
    } else if (event.type === "orrery.webhook.attempt_failing") {
      const { endpointId, messageId, attempt, responseStatus, error } = event.data;
      await messages.publish(
        webhookEvent(event, "webhook.message.failing", {
          endpointId,
          messageId,
          attempt,
          responseStatus,
          error,
        }),
        { excludeEndpointId: endpointId },
      );
    }
  };
}
