import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { webhookEvent } from "./webhook-event.js";

const BATCH_TYPES = {
  "orrery.batch.completed": "batch.completed",
  "orrery.batch.failed": "batch.failed",
  "orrery.batch.cancelled": "batch.cancelled",
  "orrery.batch.expired": "batch.expired",
} as const;

/** orrery.batch.events.v1 → batch.* (progress throttled per batch). */
export function onBatchEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (
      event.type !== "orrery.batch.progress" &&
      event.type !== "orrery.batch.completed" &&
      event.type !== "orrery.batch.failed" &&
      event.type !== "orrery.batch.cancelled" &&
      event.type !== "orrery.batch.expired"
    ) {
      return;
    }
    const { data } = event;
    const payload = {
      batchId: data.batchId,
      status: data.status,
      totalItems: data.totalItems,
      succeededItems: data.succeededItems,
      failedItems: data.failedItems,
      ...(data.reason === "" ? {} : { reason: data.reason }),
    };
    if (event.type === "orrery.batch.progress") {
      await messages.publishBatchProgress(
        webhookEvent(event, "batch.progress", payload),
        data.batchId,
      );
    } else {
      await messages.publish(webhookEvent(event, BATCH_TYPES[event.type], payload));
    }
  };
}
