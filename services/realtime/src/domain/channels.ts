import type { RealtimeEvent } from "./model.js";

/** The channels of one account: `account` carries every event, the others a topic's share. */
export type Channel =
  | { readonly name: string; readonly kind: "account" | "keys" | "usage" | "webhooks" }
  | { readonly name: string; readonly kind: "batch"; readonly batchId: string };

const PLAIN = new Set(["account", "keys", "usage", "webhooks"]);
const BATCH = /^batch:([A-Za-z0-9_-]{1,64})$/;

export function parseChannel(name: string): Channel | undefined {
  if (PLAIN.has(name)) return { name, kind: name as "account" | "keys" | "usage" | "webhooks" };
  const match = BATCH.exec(name);
  return match?.[1] === undefined ? undefined : { name, kind: "batch", batchId: match[1] };
}

/** The account's channels an event is published on, `account` first. */
export function channelsFor(event: RealtimeEvent): string[] {
  const family = event.type.slice(0, event.type.indexOf("."));
  switch (family) {
    case "key":
      return ["account", "keys"];
    case "quota":
      return ["account", "usage"];
    case "webhook":
      return ["account", "webhooks"];
    case "batch": {
      const batchId = event.data.batchId;
      return typeof batchId === "string" && BATCH.test(`batch:${batchId}`)
        ? ["account", `batch:${batchId}`]
        : ["account"];
    }
    default:
      return ["account"];
  }
}
