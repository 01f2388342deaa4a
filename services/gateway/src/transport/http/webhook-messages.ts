import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import type { Policy } from "@orrery/policy";
import {
  type Attempt,
  type Endpoint,
  EndpointKind,
  type Message,
  MessageStatus,
} from "@orrery/proto/webhook/v1/webhook";
import type { z } from "zod";
import { type Identity, limitsOf } from "../../domain/authentication.js";
import { requireCaller } from "./caller.js";
import type {
  AttemptSchema,
  ENDPOINT_KINDS,
  EndpointSchema,
  MESSAGE_STATUSES,
  MessageSchema,
} from "./webhook-schemas.js";

/** Between the public JSON of webhooks and webhook-dispatcher's protobuf messages. */

const KIND_FROM_JSON: Record<(typeof ENDPOINT_KINDS)[number], EndpointKind> = {
  standard: EndpointKind.STANDARD,
  slack: EndpointKind.SLACK,
  discord: EndpointKind.DISCORD,
};

export function kindToMessage(kind: (typeof ENDPOINT_KINDS)[number] | undefined): EndpointKind {
  return kind === undefined ? EndpointKind.STANDARD : KIND_FROM_JSON[kind];
}

function kindJson(kind: EndpointKind): (typeof ENDPOINT_KINDS)[number] {
  if (kind === EndpointKind.SLACK) return "slack";
  if (kind === EndpointKind.DISCORD) return "discord";
  return "standard";
}

export function statusToMessage(
  status: (typeof MESSAGE_STATUSES)[number] | undefined,
): MessageStatus {
  switch (status) {
    case "pending":
      return MessageStatus.PENDING;
    case "succeeded":
      return MessageStatus.SUCCEEDED;
    case "failed":
      return MessageStatus.FAILED;
    default:
      return MessageStatus.UNSPECIFIED;
  }
}

function statusJson(status: MessageStatus): (typeof MESSAGE_STATUSES)[number] {
  if (status === MessageStatus.SUCCEEDED) return "succeeded";
  if (status === MessageStatus.FAILED) return "failed";
  return "pending";
}

const iso = (timestamp: Timestamp | undefined) =>
  timestamp === undefined ? undefined : timestampDate(timestamp).toISOString();

export function endpointJson(endpoint: Endpoint | undefined): z.input<typeof EndpointSchema> {
  if (endpoint === undefined) throw new DomainError("INTERNAL_ERROR", "no endpoint");
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    kind: kindJson(endpoint.kind),
    eventTypes: endpoint.eventTypes,
    metadata: endpoint.metadata,
    rateLimitPerSecond: endpoint.rateLimitPerSecond,
    disabled: endpoint.disabled,
    disabledReason:
      endpoint.disabledReason === ""
        ? undefined
        : (endpoint.disabledReason as "failing" | "gone" | "manual"),
    disabledAt: iso(endpoint.disabledAt),
    failingSince: iso(endpoint.failingSince),
    previousSecretExpiresAt: iso(endpoint.previousSecretExpiresAt),
    createdAt: iso(endpoint.createdAt) as string,
    updatedAt: iso(endpoint.updatedAt) as string,
  };
}

export function messageJson(message: Message | undefined): z.input<typeof MessageSchema> {
  if (message === undefined) throw new DomainError("INTERNAL_ERROR", "no message");
  return {
    id: message.id,
    endpointId: message.endpointId,
    eventType: message.eventType,
    eventId: message.eventId,
    status: statusJson(message.status),
    attempts: message.attempts,
    nextAttemptAt: iso(message.nextAttemptAt),
    createdAt: iso(message.createdAt) as string,
    updatedAt: iso(message.updatedAt) as string,
    payload:
      message.payload.length === 0
        ? undefined
        : (JSON.parse(Buffer.from(message.payload).toString("utf8")) as Record<string, unknown>),
  };
}

export function attemptJson(attempt: Attempt): z.input<typeof AttemptSchema> {
  return {
    id: attempt.id,
    messageId: attempt.messageId,
    endpointId: attempt.endpointId,
    number: attempt.number,
    startedAt: iso(attempt.startedAt) as string,
    responseStatus: attempt.responseStatus === 0 ? undefined : attempt.responseStatus,
    latencyMs: attempt.latencyMs,
    error: attempt.error === "" ? undefined : attempt.error,
    responseBody: Buffer.from(attempt.responseBody).toString("utf8"),
    succeeded: attempt.succeeded,
  };
}

/** The webhookEndpoints limit of the caller's plan, with its account's and key's overrides. */
export function endpointLimit(caller: Identity | undefined, policy: Policy): number {
  return limitsOf(requireCaller(caller), policy).webhookEndpoints;
}
