import type {
  Attempt,
  DisabledReason,
  Endpoint,
  EndpointKind,
  Message,
  MessageStatus,
} from "../domain/model.js";

export const ENDPOINT_COLUMNS = `id, account_id, url, description, kind, event_types, metadata,
  rate_limit_per_second, disabled_at, disabled_reason, failing_since, previous_secret_expires_at,
  created_at, updated_at`;

export interface EndpointRow {
  id: string;
  account_id: string;
  url: string;
  description: string;
  kind: EndpointKind;
  event_types: string[];
  metadata: Record<string, string>;
  rate_limit_per_second: number | null;
  disabled_at: Date | null;
  disabled_reason: DisabledReason | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function endpointFromRow(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    accountId: row.account_id,
    url: row.url,
    description: row.description,
    kind: row.kind,
    eventTypes: row.event_types,
    metadata: row.metadata,
    rateLimitPerSecond: row.rate_limit_per_second ?? undefined,
    disabledAt: row.disabled_at ?? undefined,
    disabledReason: row.disabled_reason ?? undefined,
    failingSince: row.failing_since ?? undefined,
    // A window that has closed is no longer worth showing.
    previousSecretExpiresAt:
      row.previous_secret_expires_at !== null && row.previous_secret_expires_at > new Date()
        ? row.previous_secret_expires_at
        : undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const MESSAGE_COLUMNS = `m.id, m.account_id, m.endpoint_id, m.event_id, m.event_type, m.status,
  m.attempts, m.next_attempt_at, m.created_at, m.updated_at`;

export interface MessageRow {
  id: string;
  account_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: Date | null;
  created_at: Date;
  updated_at: Date;
  payload?: Buffer;
}

export function messageFromRow(row: MessageRow): Message {
  return {
    id: row.id,
    accountId: row.account_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    payload: row.payload ?? Buffer.alloc(0),
  };
}

export interface AttemptRow {
  id: string;
  message_id: string;
  endpoint_id: string;
  number: number;
  started_at: Date;
  response_status: number;
  latency_ms: number;
  error: string;
  response_body: Buffer;
  succeeded: boolean;
}

export function attemptFromRow(row: AttemptRow): Attempt {
  return {
    id: row.id,
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    number: row.number,
    startedAt: row.started_at,
    responseStatus: row.response_status,
    latencyMs: row.latency_ms,
    error: row.error,
    responseBody: row.response_body,
    succeeded: row.succeeded,
  };
}
