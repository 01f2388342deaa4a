import type { ErrorCode } from "@orrery/errors";
import { parseChannel } from "./channels.js";
import type { Hub, Subscriber } from "./hub.js";
import { type ChannelPosition, CLOSE_CODES, type Principal, type Publication } from "./model.js";
import type { Authenticator, BatchOwners, ChannelHistory } from "./ports.js";

/** How a session reaches its client: a WebSocket, or an event stream. */
export interface Outbound {
  /** A frame: JSON text. */
  send(frame: string): void;
  /** A publication (its `frame` serialised once, the same object for every subscriber). */
  publish(publication: Publication): void;
  close(code: number, reason: string): void;
}

export interface SessionDependencies {
  readonly hub: Hub;
  readonly history: ChannelHistory;
  readonly owners: BatchOwners;
  readonly authenticator: Authenticator;
  readonly now: () => number;
  /** Ping every intervalMs and close when no pong came within timeoutMs; none for streams. */
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
}

interface Subscription {
  readonly channel: string;
  epoch: string;
  offset: number;
  /** Live publications held back while the history is read; undefined once caught up. */
  pending: Publication[] | undefined;
  /** Publications that came before one with a lower offset (another topic's event was slower). */
  readonly ahead: Map<number, Publication>;
  gapTimer: NodeJS.Timeout | undefined;
}

/** How long a publication waits for a lower offset to arrive live before history fills the gap. */
const GAP_WAIT_MS = 50;

const MAX_CHANNEL_LENGTH = 80;
const MAX_EPOCH_LENGTH = 64;

/**
 * One client's conversation: subscribe (with recovery from a position), unsubscribe, token
 * refresh, heartbeats, expiry. Knows nothing of the transport beyond `Outbound`.
 */
export class Session implements Subscriber {
  private readonly subscriptions = new Map<string, Subscription>();
  private expiryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pongTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private principal: Principal,
    private readonly outbound: Outbound,
    private readonly dependencies: SessionDependencies,
  ) {}

  get accountId(): string {
    return this.principal.accountId;
  }

  start(): void {
    this.scheduleExpiry();
    const heartbeat = this.dependencies.heartbeat;
    if (heartbeat !== undefined) {
      this.pingTimer = setInterval(() => {
        this.outbound.send('{"type":"ping"}');
        if (this.pongTimer !== undefined) return;
        this.pongTimer = setTimeout(
          () => this.close(CLOSE_CODES.heartbeatTimeout, "no pong in time"),
          heartbeat.timeoutMs,
        );
      }, heartbeat.intervalMs);
    }
  }

  /** Stops timers and leaves every channel; the transport calls it when the client is gone. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.expiryTimer);
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    for (const channel of [...this.subscriptions.keys()]) this.leave(channel);
  }

  close(code: number, reason: string): void {
    this.end();
    this.outbound.close(code, reason);
  }

  deliver(publication: Publication): void {
    const subscription = this.subscriptions.get(publication.channel);
    if (subscription === undefined) return;
    if (subscription.pending !== undefined) subscription.pending.push(publication);
    else this.emit(subscription, publication);
  }

  /** A frame from the client, as text. */
  async receive(text: string): Promise<void> {
    let frame: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
      frame = parsed as Record<string, unknown>;
    } catch {
      this.error("FRAME_INVALID", "A frame is a JSON object with a type.");
      return;
    }
    switch (frame.type) {
      case "pong":
        clearTimeout(this.pongTimer);
        this.pongTimer = undefined;
        return;
      case "subscribe":
        await this.subscribe(frame);
        return;
      case "unsubscribe":
        this.unsubscribe(frame);
        return;
      case "refresh":
        await this.refresh(frame);
        return;
      default:
        this.error("FRAME_INVALID", "type must be subscribe, unsubscribe, refresh or pong.");
    }
  }

  /** Subscribes as a `subscribe` frame would (event streams name their channels up front). */
  async subscribe(frame: Record<string, unknown>): Promise<void> {
    const { channel: name, since } = frame;
    if (typeof name !== "string" || name.length > MAX_CHANNEL_LENGTH) {
      this.error("FRAME_INVALID", "subscribe needs a channel (a string).");
      return;
    }
    const from = parsePosition(since);
    if (from === null) {
      this.error("FRAME_INVALID", "since must be { offset: integer >= 0, epoch: string }.", name);
      return;
    }
    const channel = parseChannel(name);
    if (channel === undefined) {
      this.error("CHANNEL_UNKNOWN", `No channel ${name}.`, name);
      return;
    }
    const { accountId } = this.principal;
    if (channel.kind === "batch") {
      const owner = await this.dependencies.owners.ownerOf(channel.batchId);
      if (owner !== undefined && owner !== accountId) {
        this.error("CHANNEL_FORBIDDEN", `${name} belongs to another account.`, name);
        return;
      }
    }
    if (this.ended) return;
    this.leave(name);
    const subscription: Subscription = {
      channel: name,
      epoch: "",
      offset: 0,
      pending: [],
      ahead: new Map(),
      gapTimer: undefined,
    };
    this.subscriptions.set(name, subscription);
    // Listen first, then read: a publication that lands meanwhile is held, not lost.
    this.dependencies.hub.add(accountId, name, this);
    const history = this.dependencies.history;
    const recovery =
      from === undefined
        ? { recovered: false as const, position: await history.position(accountId, name) }
        : await history.since(accountId, name, from);
    if (this.subscriptions.get(name) !== subscription || this.ended) return;
    subscription.epoch = recovery.position.epoch;
    subscription.offset = recovery.recovered ? (from?.offset ?? 0) : recovery.position.offset;
    this.outbound.send(
      JSON.stringify({
        type: "subscribed",
        channel: name,
        recovered: recovery.recovered,
        offset: recovery.position.offset,
        epoch: recovery.position.epoch,
      }),
    );
    if (recovery.recovered) {
      for (const publication of recovery.publications) this.emit(subscription, publication);
    }
    const pending = subscription.pending ?? [];
    subscription.pending = undefined;
    for (const publication of pending) this.emit(subscription, publication);
  }

  private unsubscribe(frame: Record<string, unknown>): void {
    const { channel } = frame;
    if (typeof channel !== "string" || !this.subscriptions.has(channel)) {
      this.error("FRAME_INVALID", "unsubscribe needs a channel this connection subscribed to.");
      return;
    }
    this.leave(channel);
    this.outbound.send(JSON.stringify({ type: "unsubscribed", channel }));
  }

  private async refresh(frame: Record<string, unknown>): Promise<void> {
    const { token } = frame;
    if (typeof token !== "string" || token.length > 4096) {
      this.error("FRAME_INVALID", "refresh needs a token (a string).");
      return;
    }
    const result = await this.dependencies.authenticator.authenticate({ kind: "token", token });
    if (result.kind !== "valid" || result.principal.accountId !== this.principal.accountId) {
      this.error("REALTIME_TOKEN_INVALID", "The token is not valid for this connection.");
      return;
    }
    this.principal = result.principal;
    this.scheduleExpiry();
    this.outbound.send(
      JSON.stringify({
        type: "refreshed",
        expiresAt:
          this.principal.expiresAt === undefined
            ? null
            : new Date(this.principal.expiresAt).toISOString(),
      }),
    );
  }

  private leave(channel: string): void {
    const subscription = this.subscriptions.get(channel);
    if (subscription === undefined) return;
    clearTimeout(subscription.gapTimer);
    this.subscriptions.delete(channel);
    this.dependencies.hub.remove(this.principal.accountId, channel, this);
  }

  /**
   * Sends each offset once and in order. Recovery and live delivery can both carry one; and a
   * channel fed by several topics (account) can see offset n+1 live before n, when n's topic
   * was slower on this pod: n+1 then waits briefly for n, and history fills what did not come.
   */
  private emit(subscription: Subscription, publication: Publication): void {
    if (publication.epoch !== subscription.epoch) {
      // History was lost and started again: nothing older can still come.
      subscription.ahead.clear();
      this.send(subscription, publication);
      return;
    }
    if (publication.offset <= subscription.offset) return;
    if (publication.offset > subscription.offset + 1) {
      subscription.ahead.set(publication.offset, publication);
      subscription.gapTimer ??= setTimeout(() => {
        subscription.gapTimer = undefined;
        this.fillGap(subscription).catch(() => undefined);
      }, GAP_WAIT_MS);
      return;
    }
    this.send(subscription, publication);
    let next = subscription.ahead.get(subscription.offset + 1);
    while (next !== undefined) {
      subscription.ahead.delete(next.offset);
      this.send(subscription, next);
      next = subscription.ahead.get(subscription.offset + 1);
    }
    if (subscription.ahead.size === 0) {
      clearTimeout(subscription.gapTimer);
      subscription.gapTimer = undefined;
    }
  }

  private send(subscription: Subscription, publication: Publication): void {
    subscription.epoch = publication.epoch;
    subscription.offset = publication.offset;
    this.outbound.publish(publication);
  }

  private async fillGap(subscription: Subscription): Promise<void> {
    if (
      subscription.ahead.size === 0 ||
      this.subscriptions.get(subscription.channel) !== subscription
    ) {
      return;
    }
    const recovery = await this.dependencies.history.since(
      this.principal.accountId,
      subscription.channel,
      { offset: subscription.offset, epoch: subscription.epoch },
    );
    const held = [...subscription.ahead.values()].sort((a, b) => a.offset - b.offset);
    subscription.ahead.clear();
    const publications = recovery.recovered ? recovery.publications : held;
    for (const publication of [...publications, ...held]) {
      if (publication.epoch !== subscription.epoch || publication.offset > subscription.offset) {
        this.send(subscription, publication);
      }
    }
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const { expiresAt } = this.principal;
    if (expiresAt === undefined) return;
    this.expiryTimer = setTimeout(
      () => this.close(CLOSE_CODES.tokenExpired, "token expired; reconnect with a new token"),
      Math.max(0, expiresAt - this.dependencies.now()),
    );
  }

  private error(code: ErrorCode, message: string, channel?: string): void {
    this.outbound.send(
      JSON.stringify({
        type: "error",
        code,
        message,
        ...(channel === undefined ? {} : { channel }),
      }),
    );
  }
}

/** undefined: no position given; null: a malformed one. */
function parsePosition(value: unknown): ChannelPosition | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null) return null;
  const { offset, epoch } = value as Record<string, unknown>;
  if (
    typeof offset !== "number" ||
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    typeof epoch !== "string" ||
    epoch.length > MAX_EPOCH_LENGTH
  ) {
    return null;
  }
  return { offset, epoch };
}
