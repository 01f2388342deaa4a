import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { invalidField } from "@orrery/errors";
import {
  type AttemptSchema,
  EndpointKind as EndpointKindEnum,
  type EndpointSchema,
  type MessageSchema,
  MessageStatus as MessageStatusEnum,
} from "@orrery/proto/webhook/v1/webhook";
import type {
  Attempt,
  Endpoint,
  EndpointKind,
  Message,
  MessageStatus,
} from "../../domain/model.js";

export function kindFromProto(kind: EndpointKindEnum): EndpointKind {
  switch (kind) {
    case EndpointKindEnum.UNSPECIFIED:
    case EndpointKindEnum.STANDARD:
      return "standard";
    case EndpointKindEnum.SLACK:
      return "slack";
    case EndpointKindEnum.DISCORD:
      return "discord";
    default:
      throw invalidField("kind", "INVALID_VALUE", "Unknown endpoint kind.");
  }
}

const KIND_TO_PROTO: Record<EndpointKind, EndpointKindEnum> = {
  standard: EndpointKindEnum.STANDARD,
  slack: EndpointKindEnum.SLACK,
  discord: EndpointKindEnum.DISCORD,
};

export function statusFromProto(status: MessageStatusEnum): MessageStatus | undefined {
  switch (status) {
    case MessageStatusEnum.UNSPECIFIED:
      return undefined;
    case MessageStatusEnum.PENDING:
      return "pending";
    case MessageStatusEnum.SUCCEEDED:
      return "succeeded";
    case MessageStatusEnum.FAILED:
      return "failed";
    default:
      throw invalidField("status", "INVALID_VALUE", "Unknown message status.");
  }
}

const STATUS_TO_PROTO: Record<MessageStatus, MessageStatusEnum> = {
  pending: MessageStatusEnum.PENDING,
  delivering: MessageStatusEnum.PENDING,
  succeeded: MessageStatusEnum.SUCCEEDED,
  failed: MessageStatusEnum.FAILED,
};

function optionalTimestamp(date: Date | undefined): Timestamp | undefined {
  return date === undefined ? undefined : timestampFromDate(date);
}

export function requiredDate(timestamp: Timestamp | undefined, field: string): Date {
  if (timestamp === undefined) throw invalidField(field, "REQUIRED", "Required.");
  return timestampDate(timestamp);
}

export function endpointToProto(endpoint: Endpoint): MessageInitShape<typeof EndpointSchema> {
  return {
    id: endpoint.id,
    accountId: endpoint.accountId,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: [...endpoint.eventTypes],
    disabled: endpoint.disabledAt !== undefined,
    createdAt: timestampFromDate(endpoint.createdAt),
    updatedAt: timestampFromDate(endpoint.updatedAt),
    metadata: { ...endpoint.metadata },
    rateLimitPerSecond: endpoint.rateLimitPerSecond,
    kind: KIND_TO_PROTO[endpoint.kind],
    disabledReason: endpoint.disabledReason ?? "",
    disabledAt: optionalTimestamp(endpoint.disabledAt),
    failingSince: optionalTimestamp(endpoint.failingSince),
    previousSecretExpiresAt: optionalTimestamp(endpoint.previousSecretExpiresAt),
  };
}

export function messageToProto(message: Message): MessageInitShape<typeof MessageSchema> {
  return {
    id: message.id,
    accountId: message.accountId,
    endpointId: message.endpointId,
    eventType: message.eventType,
    eventId: message.eventId,
    status: STATUS_TO_PROTO[message.status],
    attempts: message.attempts,
    nextAttemptAt: optionalTimestamp(message.nextAttemptAt),
    createdAt: timestampFromDate(message.createdAt),
    updatedAt: timestampFromDate(message.updatedAt),
    payload: message.payload,
  };
}

export function attemptToProto(attempt: Attempt): MessageInitShape<typeof AttemptSchema> {
  return {
    id: attempt.id,
    messageId: attempt.messageId,
    endpointId: attempt.endpointId,
    number: attempt.number,
    startedAt: timestampFromDate(attempt.startedAt),
    responseStatus: attempt.responseStatus,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    responseBody: attempt.responseBody,
    succeeded: attempt.succeeded,
  };
}
