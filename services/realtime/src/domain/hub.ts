import { setImmediate as nextTurn } from "node:timers/promises";
import { channelsFor } from "./channels.js";
import { type Publication, publicationOf, type RealtimeEvent } from "./model.js";
import type { BatchOwners, ChannelHistory } from "./ports.js";

export interface Subscriber {
  deliver(publication: Publication): void;
}

/**
 * Subscribers handed a publication in one turn of the event loop: a channel with more waits for
 * the next turn between slices, so heartbeats, pongs and other channels are served meanwhile.
 */
const FAN_OUT_SLICE = 2_000;

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
    await this.publishMany([event]);
  }

  /**
   * Events of one partition, in order: appended to history together (one round trip), then fanned
   * out one after another, so each channel's subscribers see its offsets in order.
   */
  async publishMany(events: readonly RealtimeEvent[]): Promise<void> {
    if (events.length === 0) return;
    const appends = events.map((event) => ({
      accountId: event.accountId,
      eventId: event.id,
      channels: channelsFor(event),
      event: JSON.stringify({ id: event.id, type: event.type, time: event.time, data: event.data }),
    }));
    const owned = events.flatMap((event) => {
      const batchId = event.data.batchId;
      return event.type.startsWith("batch.") && typeof batchId === "string"
        ? [this.owners.remember(batchId, event.accountId)]
        : [];
    });
    const [positions] = await Promise.all([this.history.appendMany(appends), ...owned]);
    for (const [index, append] of appends.entries()) {
      const eventPositions = positions[index] ?? [];
      for (const [channelIndex, channel] of append.channels.entries()) {
        const position = eventPositions[channelIndex];
        const set = this.subscribers.get(channelKey(append.accountId, channel));
        if (position === undefined || set === undefined) continue;
        const publication = publicationOf(channel, position.offset, position.epoch, append.event);
        if (set.size <= FAN_OUT_SLICE) {
          for (const subscriber of set) subscriber.deliver(publication);
        } else {
          await fanOut(set, publication);
        }
      }
    }
  }
}

/** Hands the publication to a large set in slices, one turn of the event loop each. */
async function fanOut(set: ReadonlySet<Subscriber>, publication: Publication): Promise<void> {
  // A snapshot: who joins meanwhile gets the publication from history, not twice live.
  const subscribers = [...set];
  for (let start = 0; start < subscribers.length; start += FAN_OUT_SLICE) {
    if (start > 0) await nextTurn();
    const end = Math.min(start + FAN_OUT_SLICE, subscribers.length);
    for (let index = start; index < end; index += 1) subscribers[index]?.deliver(publication);
  }
}

function channelKey(accountId: string, channel: string): string {
  return `${accountId}\u0000${channel}`;
}
