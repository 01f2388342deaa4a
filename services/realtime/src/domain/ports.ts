import type { ChannelPosition, Principal, Recovery } from "./model.js";

/** Per-channel history with offsets assigned once per event, shared by every realtime pod. */
export interface ChannelHistory {
  /**
   * Appends `event` (JSON) to each channel of the account, once: a second call with the same
   * event id (another pod, a redelivery) returns the positions the first one got.
   */
  append(
    accountId: string,
    eventId: string,
    channels: readonly string[],
    event: string,
  ): Promise<ChannelPosition[]>;
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
