import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import type { WebhookEvent } from "../../domain/messages.js";

/**
 * The webhook event a platform event becomes: its id (so the same event seen twice is delivered
 * once), account and time, and data that always names the account.
 */
export function webhookEvent(
  event: AnyOrreryEvent,
  type: string,
  data: Record<string, unknown>,
): WebhookEvent {
  return {
    id: event.id,
    accountId: event.accountId,
    time: event.time,
    type,
    data: { accountId: event.accountId, ...data },
  };
}

/** A protobuf timestamp as the ISO 8601 text webhook payloads carry; absent stays absent. */
export function isoTime(value: Timestamp | undefined): string | undefined {
  return value === undefined ? undefined : timestampDate(value).toISOString();
}
