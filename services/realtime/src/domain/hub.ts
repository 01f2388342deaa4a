import { channelsFor } from "./channels.js";
import { type Publication, publicationOf, type RealtimeEvent } from "./model.js";
import type { BatchOwners, ChannelHistory } from "./ports.js";

export interface Subscriber {
  deliver(publication: Publication): void;
}

/**
 * This pod's subscribers by account and channel. Every pod sees every event (each consumes the
 * topics in a group of its own), appends it to the shared history, which gives it the same
 * offset on every pod, and hands it to its own subscribers of the event's channels.
 */
export class Hub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  constructor(
    private readonly history: ChannelHistory,
    private readonly owners: BatchOwners,
  ) {}

  add(accountId: string, channel: string, subscriber: Subscriber): void {
    const key = channelKey(accountId, channel);
    let set = this.subscribers.get(key);
    if (set === undefined) {
      set = new Set();
      this.subscribers.set(key, set);
    }
    set.add(subscriber);
  }

  remove(accountId: string, channel: string, subscriber: Subscriber): void {
    const key = channelKey(accountId, channel);
    const set = this.subscribers.get(key);
    if (set === undefined) return;
    set.delete(subscriber);
    if (set.size === 0) this.subscribers.delete(key);
  }

  /** Channels with at least one subscriber on this pod. */
  get channelCount(): number {
    return this.subscribers.size;
  }

  async publish(event: RealtimeEvent): Promise<void> {
    const channels = channelsFor(event);
    const json = JSON.stringify({
      id: event.id,
      type: event.type,
      time: event.time,
      data: event.data,
    });
    const positions = await this.history.append(event.accountId, event.id, channels, json);
    const batchId = event.data.batchId;
    if (event.type.startsWith("batch.") && typeof batchId === "string") {
      await this.owners.remember(batchId, event.accountId);
    }
    channels.forEach((channel, index) => {
      const position = positions[index];
      const set = this.subscribers.get(channelKey(event.accountId, channel));
      if (position === undefined || set === undefined) return;
      const publication = publicationOf(channel, position.offset, position.epoch, json);
      for (const subscriber of set) subscriber.deliver(publication);
    });
  }
}

function channelKey(accountId: string, channel: string): string {
  return `${accountId}\u0000${channel}`;
}
