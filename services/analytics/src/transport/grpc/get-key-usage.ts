import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyUsage } from "../../domain/key-usage.js";

/** Tenant isolation: buckets are read by account and key together, never by key alone. */
export function getKeyUsage(
  usage: KeyUsage,
): ServiceImplementation<typeof AnalyticsService>["getKeyUsage"] {
  return async (request) => {
    const buckets = await usage.usage(
      request.accountId,
      request.keyId,
      request.fromDay,
      request.toDay,
    );
    return {
      buckets: buckets.map((bucket) => ({ ...bucket })),
      computedAt: timestampFromDate(new Date()),
    };
  };
}
