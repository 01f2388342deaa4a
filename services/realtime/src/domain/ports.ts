import type { ChannelPosition, Principal, Recovery } from "./model.js";

export interface HistoryAppend {
  readonly accountId: string;
  readonly eventId: string;
  readonly channels: readonly string[];
  /** The event as clients see it, JSON. */
  readonly event: string;
}

/** Per-channel history with offsets assigned once per event, shared by every realtime pod. */
export interface ChannelHistory {
  /**
   * Appends each event (JSON) to its channels of its account, once: a second call with the same
   * event id (another pod, a redelivery) gets the positions the first one got. Events are
   * applied in the order given; the answer holds one position per channel, per event.
   */
  appendMany(appends: readonly HistoryAppend[]): Promise<ChannelPosition[][]>;
  /** The channel's current position (its epoch starts here if it had none). */
  position(accountId: string, channel: string): Promise<ChannelPosition>;
  /** Everything after `since`, if history still holds all of it in the same epoch. */
  since(accountId: string, channel: string, since: ChannelPosition): Promise<Recovery>;
}

/** Which account a batch belongs to, learnt from its events. */
export interface BatchOwners {
  remember(batchId: string, accountId: string): Promise<void>;
  ownerOf(batchId: string): Promise<string | undefined>;
}

/** Open connections per account, across pods; entries expire unless refreshed. */
export interface ConnectionRegistry {
  acquire(accountId: string, connectionId: string, limit: number): Promise<boolean>;
  refresh(connections: readonly { accountId: string; connectionId: string }[]): Promise<void>;
  release(accountId: string, connectionId: string): Promise<void>;
}

export type Credential =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "token"; readonly token: string };

export type Authentication =
  | { readonly kind: "valid"; readonly principal: Principal }
  | { readonly kind: "expired" }
  | { readonly kind: "invalid" };

export interface Authenticator {
  authenticate(credential: Credential): Promise<Authentication>;
}
