import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import type { QuotaThresholdWatcher } from "../../domain/quota-thresholds.js";
import type { UsageLedger } from "../../domain/usage-ledger.js";

/**
 * The gateway decides most requests against Redis itself; its usage events say what those
 * decisions charged. Each one marks the counters it touched for the next flush to Postgres (so a
 * Redis that loses its data loses no more than through Check) and lets the threshold watcher see
 * the monthly use, as a Check would. Both are idempotent, so a redelivered event does no harm.
 */
export function onUsageEvent(dependencies: {
  ledger: UsageLedger;
  thresholds: QuotaThresholdWatcher;
}) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.type !== "orrery.usage.recorded") return;
    const { accountId, keyId, quota } = event.data;
    if (quota === undefined || accountId === "") return;
    dependencies.ledger.markCharged({ accountId, scope: "account" });
    if (quota.keyCounted && keyId !== "") {
      dependencies.ledger.markCharged({ accountId, scope: `key:${keyId}` });
    }
    if (quota.cycleStartedAt === undefined || quota.cycleResetsAt === undefined) return;
    await dependencies.thresholds.observe({
      accountId,
      used: Number(quota.used),
      quota: Number(quota.quota),
      cycleStart: timestampDate(quota.cycleStartedAt),
      cycleEnd: timestampDate(quota.cycleResetsAt),
    });
  };
}
