import type { BusDriver } from "bentocache/types";
import { Redis } from "ioredis";

type Handler = (payload: unknown) => void;

/**
 * The bus under bentocache's invalidation messages: publishes on the caller's fail-fast
 * connection (a publish during an outage fails at once instead of queueing behind a dead
 * socket) and subscribes on its own connection, which queues its SUBSCRIBE until Redis is
 * reachable and resubscribes after every reconnect. Messages this process published are
 * ignored on receipt.
 */
export class RedisBusTransport implements BusDriver {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #handlers = new Map<string, Handler[]>();
  readonly #reconnectCallbacks: (() => void)[] = [];
  #id = "";
  #connectedOnce = false;

  constructor(publisher: Redis, url: string, connectionName: string, onReconnect: () => void) {
    this.#publisher = publisher;
    this.#reconnectCallbacks.push(onReconnect);
    this.#subscriber = new Redis(url, {
      connectionName,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
    });
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("ready", () => {
      if (this.#connectedOnce) for (const callback of this.#reconnectCallbacks) callback();
      this.#connectedOnce = true;
    });
    this.#subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => {
      const handlers = this.#handlers.get(channel.toString());
      if (handlers === undefined) return;
      let envelope: { busId?: unknown; payload?: unknown };
      try {
        envelope = JSON.parse(message.toString()) as typeof envelope;
      } catch {
        return;
      }
      if (envelope.busId === this.#id) return;
      for (const handler of handlers) handler(envelope.payload);
    });
  }

  setId(id: string): BusDriver {
    this.#id = id;
    return this;
  }

  onReconnect(callback: () => void): void {
    this.#reconnectCallbacks.push(callback);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.#publisher.publish(channel, JSON.stringify({ busId: this.#id, payload: message }));
  }

  async subscribe<T>(channel: string, handler: (payload: T) => void): Promise<void> {
    const handlers = this.#handlers.get(channel) ?? [];
    handlers.push(handler as Handler);
    this.#handlers.set(channel, handlers);
    await this.#subscriber.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.#handlers.delete(channel);
    // While Redis is away the command waits in the offline queue until the disconnect that
    // follows rejects it; nothing is left to undo by then (the handlers are gone).
    await this.#subscriber.unsubscribe(channel).catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.#subscriber.disconnect();
  }
}
