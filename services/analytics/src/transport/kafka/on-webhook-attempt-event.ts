import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import { WebhookAttemptOutcome } from "@orrery/proto/events/v1/webhooks";
import type { WebhookAttempt, WebhookDeliveries } from "../../domain/webhook-deliveries.js";

/** orrery.webhooks.attempts.v1 → webhook_outcomes, one transaction per fetched batch. */
export function onWebhookAttemptEvents(deliveries: WebhookDeliveries) {
  return async (events: readonly AnyOrreryEvent[]): Promise<void> => {
    const attempts: WebhookAttempt[] = [];
    for (const event of events) {
      if (event.type !== "orrery.webhook.attempt_completed") continue;
      const data = event.data;
      attempts.push({
        eventId: event.id,
        accountId: data.accountId || event.accountId,
        startedAt: data.startedAt === undefined ? event.time : timestampDate(data.startedAt),
        succeeded: data.outcome === WebhookAttemptOutcome.SUCCEEDED,
        durationMs: data.durationMs,
      });
    }
    await deliveries.record(attempts);
  };
}
