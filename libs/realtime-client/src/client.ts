import {
  type ChannelName,
  isTerminalClose,
  type Publication,
  type RealtimeError,
  type Subscribed,
} from "./events.js";

/** What the client needs of a WebSocket: the browser's, or `ws` in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: "close",
    listener: (event: { code: number; reason: string }) => void,
  ): void;
  addEventListener(type: "error", listener: (event: unknown) => void): void;
}

export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocketLike;

export interface RealtimeClientOptions {
  /** `wss://api.example/v1/realtime` (the gateway) or a realtime pod's own endpoint. */
  readonly url: string;
  /** An API key (servers only: sent as `Authorization`, which browsers cannot set). */
  readonly apiKey?: string;
  /** Fetches a token from `POST /v1/realtime/token`; called to connect and to refresh. */
  readonly token?: () => Promise<string>;
  /** Refresh this long before the token expires. */
  readonly refreshBeforeMs?: number;
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Defaults to the global WebSocket (browsers, Node 22+), else `ws`. */
  readonly webSocket?: WebSocketFactory;
  readonly random?: () => number;
}

export type ClientEvent =
  | { readonly type: "open" }
  | { readonly type: "subscribed"; readonly subscribed: Subscribed }
  | { readonly type: "error"; readonly error: RealtimeError }
  | {
      readonly type: "close";
      readonly code: number;
      readonly reason: string;
      readonly reconnecting: boolean;
    };

interface ChannelState {
  readonly handler: (publication: Publication) => void;
  position: { offset: number; epoch: string } | undefined;
}

/**
 * A realtime connection that stays up: it reconnects after reconnectable closes (1012, 4000,
 * 4001, 4002, network loss) with exponential backoff and full jitter, resubscribes every
 * channel from the last offset it saw (the server sends exactly what was missed, or says
 * `recovered: false`), refreshes its token before it expires and answers pings.
 */
export class RealtimeClient {
  private socket: WebSocketLike | undefined;
  private readonly channels = new Map<string, ChannelState>();
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private attempt = 0;
  private stopped = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private factory: WebSocketFactory | undefined;

  constructor(private readonly options: RealtimeClientOptions) {
    if (options.apiKey === undefined && options.token === undefined) {
      throw new Error("RealtimeClient needs an apiKey or a token provider");
    }
    this.factory = options.webSocket;
  }

  /** Resolves once the first connection is open. */
  async connect(): Promise<void> {
    this.stopped = false;
    const opened = new Promise<void>((resolve, reject) => {
      const listener = (event: ClientEvent) => {
        if (event.type === "open") {
          this.listeners.delete(listener);
          resolve();
        } else if (event.type === "close" && !event.reconnecting) {
          this.listeners.delete(listener);
          reject(new Error(`realtime connection closed: ${event.code} ${event.reason}`));
        }
      };
      this.listeners.add(listener);
    });
    await this.open();
    return opened;
  }

  on(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes now (if connected) and after every reconnect, from the last offset seen. */
  subscribe(
    channel: ChannelName,
    handler: (publication: Publication) => void,
    since?: { offset: number; epoch: string },
  ): () => void {
    this.channels.set(channel, { handler, position: since });
    this.sendSubscribe(channel);
    return () => {
      this.channels.delete(channel);
      this.send({ type: "unsubscribe", channel });
    };
  }

  /** The last position seen on a channel: what a later `since` resumes from. */
  position(channel: string): { offset: number; epoch: string } | undefined {
    return this.channels.get(channel)?.position;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.refreshTimer);
    this.socket?.close(1000, "client closed");
  }

  private async open(): Promise<void> {
    let url = this.options.url;
    const headers: Record<string, string> = {};
    let token: string | undefined;
    if (this.options.token !== undefined) {
      token = await this.options.token();
      url = `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}`;
    } else if (this.options.apiKey !== undefined) {
      headers.authorization = `Bearer ${this.options.apiKey}`;
    }
    const factory =
      this.factory ??
      (await defaultFactory(this.options.apiKey !== undefined && this.options.token === undefined));
    this.factory = factory;
    const socket = factory(url, headers);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      this.emit({ type: "open" });
      for (const channel of this.channels.keys()) this.sendSubscribe(channel);
      if (token !== undefined) this.scheduleRefresh(token);
    });
    socket.addEventListener("message", (event) => this.receive(String(event.data)));
    socket.addEventListener("error", () => undefined);
    socket.addEventListener("close", (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      clearTimeout(this.refreshTimer);
      const reconnecting = !this.stopped && !isTerminalClose(event.code);
      this.emit({ type: "close", code: event.code, reason: event.reason, reconnecting });
      if (reconnecting) this.reconnectLater();
    });
  }

  private reconnectLater(): void {
    const initial = this.options.backoff?.initialMs ?? 500;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const ceiling = Math.min(max, initial * 2 ** this.attempt);
    this.attempt += 1;
    // Full jitter: clients cut off together (a pod's shutdown) come back spread out.
    const delay = Math.floor((this.options.random ?? Math.random)() * ceiling);
    this.reconnectTimer = setTimeout(() => {
      this.open().catch(() => this.reconnectLater());
    }, delay);
  }

  private scheduleRefresh(token: string): void {
    const expiresAt = tokenExpiry(token);
    const provider = this.options.token;
    if (expiresAt === undefined || provider === undefined) return;
    const before = this.options.refreshBeforeMs ?? 30_000;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        provider().then(
          (next) => {
            this.send({ type: "refresh", token: next });
            this.scheduleRefresh(next);
          },
          () => undefined, // the server closes with 4001 at expiry; reconnecting fetches again
        );
      },
      Math.max(0, expiresAt - Date.now() - before),
    );
  }

  private receive(text: string): void {
    let frame: { type?: string } & Record<string, unknown>;
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    switch (frame.type) {
      case "ping":
        this.send({ type: "pong" });
        return;
      case "publication": {
        const publication = frame as unknown as Publication;
        const state = this.channels.get(publication.channel);
        if (state === undefined) return;
        state.position = { offset: publication.offset, epoch: publication.epoch };
        state.handler(publication);
        return;
      }
      case "subscribed": {
        const subscribed = frame as unknown as Subscribed;
        const state = this.channels.get(subscribed.channel);
        // Not recovered: what was missed is gone; go on from the channel's current position.
        if (state !== undefined && !subscribed.recovered) {
          state.position = { offset: subscribed.offset, epoch: subscribed.epoch };
        }
        this.emit({ type: "subscribed", subscribed });
        return;
      }
      case "error":
        this.emit({ type: "error", error: frame as unknown as RealtimeError });
        return;
      default:
        return;
    }
  }

  private sendSubscribe(channel: string): void {
    const position = this.channels.get(channel)?.position;
    this.send({
      type: "subscribe",
      channel,
      ...(position === undefined ? {} : { since: position }),
    });
  }

  private send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  private emit(event: ClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** A token's expiry (epoch ms) from its claims; the client does not check the signature. */
function tokenExpiry(token: string): number | undefined {
  const body = token.split(".")[1];
  if (body === undefined) return undefined;
  try {
    const base64 = body.replaceAll("-", "+").replaceAll("_", "/");
    const claims = JSON.parse(atob(base64)) as { e?: unknown };
    return typeof claims.e === "number" ? claims.e * 1000 : undefined;
  } catch {
    return undefined;
  }
}

async function defaultFactory(needsHeaders: boolean): Promise<WebSocketFactory> {
  const global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (global !== undefined && !needsHeaders) return (url) => new global(url);
  // Node's `ws` is needed for headers (API key auth); browsers use tokens.
  try {
    const { WebSocket } = await import("ws");
    return (url, headers) => new WebSocket(url, { headers }) as unknown as WebSocketLike;
  } catch {
    if (global === undefined) throw new Error("no WebSocket implementation");
    return (url) => new global(url);
  }
}
