import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";

/** orrery.analytics.v1 → report.ready (a saved report's scheduled run is stored). */
export function onReportEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.report.ready") return;
    const { data } = event;
    const iso = (value: typeof data.startedAt) =>
      value === undefined ? undefined : timestampDate(value).toISOString();
    await messages.publish({
      id: event.id,
      accountId: event.accountId,
      time: event.time,
      type: "report.ready",
      data: {
        accountId: event.accountId,
        reportId: data.reportId,
        runId: data.runId,
        name: data.name,
        startedAt: iso(data.startedAt),
        from: iso(data.from),
        to: iso(data.to),
        points: data.points,
        truncated: data.truncated,
      },
    });
  };
}
