import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { isoTime, webhookEvent } from "./webhook-event.js";

/** orrery.quota.v1 → quota.threshold_reached (80 %) and quota.exhausted (100 %). */
export function onQuotaEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.quota.threshold_crossed") return;
    const { data } = event;
    const type = data.thresholdPercent >= 100 ? "quota.exhausted" : "quota.threshold_reached";
    await messages.publish(
      webhookEvent(event, type, {
        thresholdPercent: data.thresholdPercent,
        used: Number(data.used),
        quota: Number(data.quota),
        cycleStartedAt: isoTime(data.cycleStartedAt),
        cycleResetsAt: isoTime(data.cycleResetsAt),
      }),
    );
  };
}
