import { toJson } from "@bufbuild/protobuf";
import { type AnyOrreryEvent, EVENT_TYPES, TOPICS } from "@orrery/events";
import type { Hub } from "../../domain/hub.js";

/** The topics realtime fans out: every event of each reaches the account's channels. */
export const REALTIME_TOPICS = [
  TOPICS.accounts,
  TOPICS.batchEvents,
  TOPICS.quota,
  TOPICS.webhooks,
] as const;

/** A platform event → the event clients see (`orrery.` dropped, data in protobuf JSON). */
export function onDomainEvent(hub: Hub) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (event.accountId === "") return;
    const data = toJson(EVENT_TYPES[event.type].schema, event.data as never, {
      alwaysEmitImplicit: true,
    }) as Record<string, unknown>;
    await hub.publish({
      id: event.id,
      accountId: event.accountId,
      type: event.type.replace(/^orrery\./, ""),
      time: event.time.toISOString(),
      data,
    });
  };
}
