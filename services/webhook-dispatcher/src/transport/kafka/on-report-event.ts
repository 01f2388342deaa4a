import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { isoTime, webhookEvent } from "./webhook-event.js";

/** orrery.analytics.v1 → report.ready (a saved report's scheduled run is stored). */
export function onReportEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.report.ready") return;
    const { data } = event;
    await messages.publish(
      webhookEvent(event, "report.ready", {
        reportId: data.reportId,
        runId: data.runId,
        name: data.name,
        startedAt: isoTime(data.startedAt),
        from: isoTime(data.from),
        to: isoTime(data.to),
        points: data.points,
        truncated: data.truncated,
      }),
    );
  };
}
