import { metrics } from "@opentelemetry/api";
import type { AnyOrreryEvent } from "@orrery/events";
import type { UsageIngest } from "../../domain/usage-ingest.js";
import type { UsageRecord } from "../../domain/usage-rollups.js";

/**
 * orrery.usage.v1 → the rollups, a fetched batch at a time in one transaction; a redelivered
 * event is recognized by its id.
 */
export function onUsageEvents(ingest: UsageIngest) {
  const consumed = metrics
    .getMeter("@orrery/analytics")
    .createCounter("analytics_usage_events_total", {
      description: "Usage events consumed, by outcome (counted, duplicate, anonymous)",
    });
  return async (events: readonly AnyOrreryEvent[]): Promise<void> => {
    const records: UsageRecord[] = [];
    for (const event of events) {
      if (event.type !== "orrery.usage.recorded") continue;
      const data = event.data;
      records.push({
        eventId: event.id,
        accountId: data.accountId,
        keyId: data.keyId,
        route: data.route,
        at: event.time,
        status: data.status,
        rateLimited: data.rateLimited,
        cacheHit: data.cacheHit,
        latencyMs: data.latencyMs,
        bytes: Number(data.responseBytes),
        quotaUnits: data.cost,
      });
    }
    const outcome = await ingest.ingest(records);
    consumed.add(outcome.counted, { outcome: "counted" });
    consumed.add(outcome.duplicates, { outcome: "duplicate" });
    consumed.add(outcome.anonymous, { outcome: "anonymous" });
  };
}
