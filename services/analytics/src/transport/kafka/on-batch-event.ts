import type { AnyOrreryEvent } from "@orrery/events";
import type { BatchEnding, BatchEvent, BatchThroughput } from "../../domain/batch-throughput.js";

/** orrery.batch.events.v1 → batch_outcomes, one statement per fetched batch of events. */
export function onBatchEvents(throughput: BatchThroughput) {
  return async (events: readonly AnyOrreryEvent[]): Promise<void> => {
    const records: BatchEvent[] = [];
    for (const event of events) {
      let ending: BatchEnding | undefined;
      switch (event.type) {
        case "orrery.batch.progress":
          ending = undefined;
          break;
        case "orrery.batch.completed":
          ending = "completed";
          break;
        case "orrery.batch.failed":
          ending = "failed";
          break;
        case "orrery.batch.cancelled":
          ending = "cancelled";
          break;
        case "orrery.batch.expired":
          ending = "expired";
          break;
        default:
          continue;
      }
      records.push({
        batchId: event.data.batchId,
        accountId: event.data.accountId,
        at: event.time,
        ending,
        succeededItems: event.data.succeededItems,
        failedItems: event.data.failedItems,
      });
    }
    await throughput.record(records);
  };
}
