/**
 * The events a realtime channel carries: the platform's event types without their `orrery.`
 * prefix, with `data` in the protobuf JSON mapping of proto/orrery/events/v1 (lowerCamelCase,
 * 64-bit numbers as strings, timestamps as RFC 3339).
 */
export interface EventDataByType {
  "account.created": { accountId: string; name: string; plan: string };
  "account.plan_changed": {
    accountId: string;
    previousPlan: string;
    plan: string;
    overridesChanged: boolean;
  };
  "account.suspended": { accountId: string; reason: string };
  "account.reinstated": { accountId: string; reason: string };
  "key.created": { accountId: string; keyId: string; name: string; scopes: string[] };
  "key.rotated": {
    accountId: string;
    keyId: string;
    previousKeyId: string;
    previousSecretExpiresAt?: string;
  };
  "key.revoked": { accountId: string; keyId: string };
  "quota.threshold_crossed": {
    accountId: string;
    thresholdPercent: number;
    used: string;
    quota: string;
    cycleStartedAt?: string;
    cycleResetsAt?: string;
  };
  "batch.progress": BatchStatus;
  "batch.completed": BatchStatus;
  "batch.failed": BatchStatus;
  "batch.cancelled": BatchStatus;
  "batch.expired": BatchStatus;
  "webhook.attempt_failing": {
    accountId: string;
    endpointId: string;
    messageId: string;
    attempt: number;
    responseStatus: number;
    error: string;
  };
  "webhook.endpoint_disabled": { accountId: string; endpointId: string; reason: string };
}

interface BatchStatus {
  accountId: string;
  batchId: string;
  status: string;
  totalItems: number;
  succeededItems: number;
  failedItems: number;
  reason: string;
}

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
