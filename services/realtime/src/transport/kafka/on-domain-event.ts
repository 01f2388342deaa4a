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

/**
 * Platform events of one partition, in order → the events clients see (`orrery.` dropped, data in
 * protobuf JSON), published together so their history appends share one round trip.
 */
export function onDomainEvents(hub: Hub) {
  return async (events: AnyOrreryEvent[]): Promise<void> => {
    await hub.publishMany(
      events
        .filter((event) => event.accountId !== "")
        .map((event) => ({
          id: event.id,
          accountId: event.accountId,
          type: event.type.replace(/^orrery\./, ""),
          time: event.time.toISOString(),
          data: toJson(EVENT_TYPES[event.type].schema, event.data as never, {
            alwaysEmitImplicit: true,
          }) as Record<string, unknown>,
        })),
    );
  };
}
