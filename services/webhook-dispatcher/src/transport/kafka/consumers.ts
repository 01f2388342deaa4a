import { type AnyOrreryEvent, TOPICS } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { onAccountEvent } from "./on-account-event.js";
import { onBatchEvent } from "./on-batch-event.js";
import { onQuotaEvent } from "./on-quota-event.js";
import { onReportEvent } from "./on-report-event.js";
import { onWebhookEvent } from "./on-webhook-event.js";

/** The topics whose events become webhooks, and one handler that routes each to its topic's. */
export function accountEventHandlers(messages: MessageService) {
  const byTopic = new Map<string, (event: AnyOrreryEvent) => Promise<void>>([
    [TOPICS.accounts, onAccountEvent(messages)],
    [TOPICS.quota, onQuotaEvent(messages)],
    [TOPICS.batchEvents, onBatchEvent(messages)],
    [TOPICS.webhooks, onWebhookEvent(messages)],
    [TOPICS.analytics, onReportEvent(messages)],
  ]);
  const handlers = [...byTopic.values()];
  return {
    topics: [...byTopic.keys()],
    // Each handler ignores types that are not its topic's, so every one can see every event.
    handler: async (event: AnyOrreryEvent) => {
      for (const handle of handlers) await handle(event);
    },
  };
}
