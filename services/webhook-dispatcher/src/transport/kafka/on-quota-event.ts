import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";

/** orrery.quota.v1 → quota.threshold_reached (80 %) and quota.exhausted (100 %). */
export function onQuotaEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.quota.threshold_crossed") return;
    const { data } = event;
    const iso = (value: typeof data.cycleStartedAt) =>
      value === undefined ? undefined : timestampDate(value).toISOString();
    await messages.publish({
      id: event.id,
      accountId: event.accountId,
      time: event.time,
      type: data.thresholdPercent >= 100 ? "quota.exhausted" : "quota.threshold_reached",
      data: {
        accountId: event.accountId,
        thresholdPercent: data.thresholdPercent,
        used: Number(data.used),
        quota: Number(data.quota),
        cycleStartedAt: iso(data.cycleStartedAt),
        cycleResetsAt: iso(data.cycleResetsAt),
      },
    });
  };
}
