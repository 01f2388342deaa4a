/** An event as realtime clients see it: the platform event without its `orrery.` prefix. */
export interface RealtimeEvent {
  readonly id: string;
  readonly accountId: string;
  /** e.g. `key.created`, `batch.completed`, `quota.threshold_crossed`. */
  readonly type: string;
  /** RFC 3339. */
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Where a channel's history stands: the last offset given out, in an epoch of its history. */
export interface ChannelPosition {
  readonly offset: number;
  readonly epoch: string;
}

export interface Publication {
  readonly channel: string;
  readonly offset: number;
  readonly epoch: string;
  /** The event, as JSON text: serialised once, sent to every subscriber as it is. */
  readonly event: string;
  /** The whole `publication` frame, serialised once too. */
  readonly frame: string;
}

export function publicationOf(
  channel: string,
  offset: number,
  epoch: string,
  event: string,
): Publication {
  return {
    channel,
    offset,
    epoch,
    event,
    frame: `{"type":"publication","channel":${JSON.stringify(channel)},"offset":${offset},"epoch":${JSON.stringify(epoch)},"data":${event}}`,
  };
}

/** What a client that asked to resume from a position gets. */
export type Recovery =
  | {
      readonly recovered: true;
      readonly position: ChannelPosition;
      readonly publications: readonly Publication[];
    }
  | { readonly recovered: false; readonly position: ChannelPosition };

/** Who a connection speaks for, from an API key or a realtime token. */
export interface Principal {
  readonly accountId: string;
  readonly keyId: string;
  readonly scopes: readonly string[];
  /** Open connections the account may hold across every realtime pod. */
  readonly connectionLimit: number;
  /** Epoch milliseconds when the credential stops working (tokens); undefined for keys. */
  readonly expiresAt: number | undefined;
}

/**
 * WebSocket close codes. Reconnectable ones (1012, 4000-4099) tell the client to come back with
 * jittered backoff; terminal ones (1008, 1009, 4400-4499) mean it must not retry unchanged.
 */
export const CLOSE_CODES = {
  serverShutdown: 1012,
  slowConsumer: 4000,
  tokenExpired: 4001,
  heartbeatTimeout: 4002,
  policyViolation: 1008,
  messageTooBig: 1009,
  badAuth: 4401,
  insufficientScope: 4403,
} as const;
