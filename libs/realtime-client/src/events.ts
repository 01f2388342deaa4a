import type { EventDataByType } from "./generated/event-data.js";

export type { EventDataByType };

/**
 * The events a realtime channel carries: the platform's event types without their `orrery.`
 * prefix, with `data` in the protobuf JSON mapping of proto/orrery/events/v1 (lowerCamelCase,
 * 64-bit numbers as strings, timestamps as RFC 3339), typed by src/generated/event-data.ts.
 */
export type RealtimeEventType = keyof EventDataByType;

/** One event, narrowed by `type`. */
export type RealtimeEvent = {
  [Type in RealtimeEventType]: {
    readonly id: string;
    readonly type: Type;
    readonly time: string;
    readonly data: EventDataByType[Type];
  };
}[RealtimeEventType];

export type ChannelName = "account" | "keys" | "usage" | "webhooks" | `batch:${string}`;

export interface Publication {
  readonly channel: string;
  readonly offset: number;
  readonly epoch: string;
  readonly data: RealtimeEvent;
}

export interface Subscribed {
  readonly channel: string;
  readonly recovered: boolean;
  readonly offset: number;
  readonly epoch: string;
}

export interface RealtimeError {
  readonly code: string;
  readonly message: string;
  readonly channel?: string;
}

/** Close codes after which the client does not reconnect by itself. */
export function isTerminalClose(code: number): boolean {
  return code === 1008 || code === 1009 || (code >= 4400 && code < 4500);
}
