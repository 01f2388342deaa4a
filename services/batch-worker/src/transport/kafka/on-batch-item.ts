import { type AnyOrreryEvent, TOPICS } from "@orrery/events";
import type { WorkUnits } from "../../domain/work-units.js";

/** orrery.batch.items.v1 → one work unit computed (items item_index .. + item_count). */
export function onBatchItem(units: WorkUnits) {
  return {
    topics: [TOPICS.batchItems],
    handler: async (event: AnyOrreryEvent) => {
      if (event.type !== "orrery.batch.item") return;
      const { data } = event;
      await units.process(data.batchId, data.itemIndex, Math.max(data.itemCount, 1));
    },
  };
}
