import { metrics } from "@opentelemetry/api";
import type { UsageIngest } from "../../domain/usage-ingest.js";
import type { UsageRecord } from "../../domain/usage-rollups.js";

/**
 * orrery.usage.v1 → the rollups, a fetched batch at a time in one transaction; a redelivered
 * event is recognized by its id. The consumer reads each event with readUsageRecord.
 */
export function onUsageEvents(ingest: UsageIngest) {
  const consumed = metrics
    .getMeter("@orrery/analytics")
    .createCounter("analytics_usage_events_total", {
      description: "Usage events consumed, by outcome (counted, duplicate, anonymous)",
    });
  return async (records: readonly UsageRecord[]): Promise<void> => {
    const outcome = await ingest.ingest(records);
    consumed.add(outcome.counted, { outcome: "counted" });
    consumed.add(outcome.duplicates, { outcome: "duplicate" });
    consumed.add(outcome.anonymous, { outcome: "anonymous" });
  };
}
