import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";

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
    const webhookEvent = {
      id: event.id,
      accountId: event.accountId,
      time: event.time,
      data: {
        accountId: event.accountId,
        batchId: data.batchId,
        status: data.status,
        totalItems: data.totalItems,
        succeededItems: data.succeededItems,
        failedItems: data.failedItems,
        ...(data.reason === "" ? {} : { reason: data.reason }),
      },
    };
    if (event.type === "orrery.batch.progress") {
      await messages.publishBatchProgress(
        { ...webhookEvent, type: "batch.progress" },
        data.batchId,
      );
    } else {
      await messages.publish({ ...webhookEvent, type: BATCH_TYPES[event.type] });
    }
  };
}
