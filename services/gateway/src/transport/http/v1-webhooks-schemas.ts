import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { isPlanName, type Policy } from "@orrery/policy";
import {
  type Attempt,
  type Endpoint,
  EndpointKind,
  type Message,
  MessageStatus,
} from "@orrery/proto/webhook/v1/webhook";
import type { Response } from "express";
import { z } from "zod";
import type { WebhookClient } from "../../adapters/webhook-client.js";
import { caller } from "./v1-keys-schemas.js";

/** What every /v1/webhooks route is built from. */
export interface WebhookRouteDependencies {
  readonly client: WebhookClient;
  /** The plan limits in force (webhookEndpoints). */
  readonly policy: () => Policy;
}

export const ENDPOINT_KINDS = ["standard", "slack", "discord"] as const;

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

export const MESSAGE_STATUSES = ["pending", "succeeded", "failed"] as const;

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

export const EndpointSchema = z
  .object({
    id: z.string().describe("ep_…"),
    url: z.string(),
    description: z.string(),
    kind: z
      .enum(ENDPOINT_KINDS)
      .describe("standard: the signed event; slack / discord: a readable chat message."),
    eventTypes: z.array(z.string()).describe("Delivered event types; empty means every type."),
    metadata: z.record(z.string(), z.string()),
    rateLimitPerSecond: z.int().optional().describe("This endpoint's own throttle, if any."),
    disabled: z.boolean(),
    disabledReason: z
      .enum(["failing", "gone", "manual"])
      .optional()
      .describe("failing: no success for the disable window; gone: it answered 410; manual."),
    disabledAt: z.iso.datetime().optional(),
    failingSince: z.iso
      .datetime()
      .optional()
      .describe("First failure since the last success; absent while healthy."),
    previousSecretExpiresAt: z.iso
      .datetime()
      .optional()
      .describe("After a rotation: until then every delivery carries both signatures."),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

export const EndpointWithSecretSchema = EndpointSchema.extend({
  secret: z.string().describe("The signing secret (whsec_…), in this response only: store it now."),
}).meta({ id: "WebhookEndpointWithSecret" });

export function endpointJson(endpoint: Endpoint | undefined): z.input<typeof EndpointSchema> {
  if (endpoint === undefined) throw new DomainError("internal", "INTERNAL_ERROR", "no endpoint");
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

export const MessageSchema = z
  .object({
    id: z.string().describe("msg_…: the webhook-id header of every attempt."),
    endpointId: z.string(),
    eventType: z.string(),
    eventId: z.string().describe("The platform event (the same for every endpoint it went to)."),
    status: z.enum(MESSAGE_STATUSES),
    attempts: z.int(),
    nextAttemptAt: z.iso.datetime().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    payload: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "The body a standard endpoint receives: { type, timestamp, data } (GET of one message).",
      ),
  })
  .meta({ id: "WebhookMessage" });

export function messageJson(message: Message | undefined): z.input<typeof MessageSchema> {
  if (message === undefined) throw new DomainError("internal", "INTERNAL_ERROR", "no message");
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

export const AttemptSchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    endpointId: z.string(),
    number: z.int().describe("1 for the first attempt."),
    startedAt: z.iso.datetime(),
    responseStatus: z.int().optional().describe("Absent when no response arrived."),
    latencyMs: z.int(),
    error: z.string().optional().describe("Why it failed (timeout, refused address, HTTP 500 …)."),
    responseBody: z.string().describe("The first 4 KiB of the response body (UTF-8)."),
    succeeded: z.boolean(),
  })
  .meta({ id: "WebhookAttempt" });

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

export const EndpointIdParamsSchema = z.strictObject({
  endpointId: z.string().min(1).max(100).describe("ep_…"),
});

export const MessageIdParamsSchema = z.strictObject({
  messageId: z.string().min(1).max(100).describe("msg_…"),
});

export const PageQuerySchema = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe("1-100, default 50."),
  pageToken: z.string().max(500).optional().describe("nextPageToken of the previous page."),
});

/** The caller's own account: webhook routes never act for another tenant. */
export function accountOf(response: Response): string {
  return caller(response).accountId;
}

/** The webhookEndpoints limit of the caller's plan, with its account's and key's overrides. */
export function endpointLimit(response: Response, policy: Policy): number {
  const auth = caller(response);
  if (!isPlanName(auth.plan)) {
    throw new DomainError("internal", "INTERNAL_ERROR", `unknown plan ${auth.plan}`);
  }
  return policy.limitsFor({
    plan: auth.plan,
    accountOverrides: auth.accountOverrides,
    keyOverrides: auth.keyOverrides,
  }).webhookEndpoints;
}
