import { metrics } from "@opentelemetry/api";
import type { AnyOrreryEvent } from "@orrery/events";
import { type KeyUsage, utcDay } from "../../domain/key-usage.js";

/** orrery.usage.v1 → the per-key rollup; a redelivered event is recognized by its id. */
export function onUsageEvent(usage: KeyUsage) {
  const counted = metrics
    .getMeter("@orrery/analytics")
    .createCounter("analytics_usage_events_total", {
      description: "Usage events consumed, by outcome (counted, duplicate, anonymous)",
    });
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.usage.recorded") return;
    const data = event.data;
    if (data.keyId === "") {
      counted.add(1, { outcome: "anonymous" });
      return;
    }
    const added = await usage.record({
      eventId: event.id,
      accountId: data.accountId,
      keyId: data.keyId,
      route: data.route,
      day: utcDay(event.time),
      status: data.status,
      rateLimited: data.rateLimited,
      cacheHit: data.cacheHit,
      bytes: Number(data.responseBytes),
    });
    counted.add(1, { outcome: added ? "counted" : "duplicate" });
  };
}
