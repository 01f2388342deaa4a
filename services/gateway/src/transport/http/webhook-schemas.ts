import type { ErrorCode } from "@orrery/errors";
import { z } from "zod";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { boundedText } from "./text-schemas.js";

/** The public JSON shapes of webhook endpoints, messages and attempts (/v1/webhooks). */

export const ENDPOINT_KINDS = ["standard", "slack", "discord"] as const;

export const MESSAGE_STATUSES = ["pending", "succeeded", "failed"] as const;

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

export const EndpointIdParamsSchema = z.strictObject({
  endpointId: z.string().min(1).max(100).describe("ep_…"),
});

export const MessageIdParamsSchema = z.strictObject({
  messageId: z.string().min(1).max(100).describe("msg_…"),
});

/**
 * webhook-dispatcher's limits on what an endpoint holds, stated in the schema so the document
 * says them; a value past one carries the dispatcher's own code in errors[].
 */
export const ENDPOINT_LIMITS = {
  urlLength: 2_048,
  descriptionLength: 500,
  eventTypes: 50,
  eventTypeLength: 100,
  metadataPairs: 16,
  metadataKeyLength: 64,
  metadataValueLength: 512,
  rateLimitPerSecond: 10_000,
} as const;

export const ENDPOINT_FIELD_CODES: Readonly<Record<string, ErrorCode>> = {
  url: "URL_TOO_LONG",
  description: "DESCRIPTION_TOO_LONG",
  eventTypes: "TOO_MANY_EVENT_TYPES",
  metadata: "WEBHOOK_METADATA_TOO_LARGE",
  rateLimitPerSecond: "RATE_LIMIT_OUT_OF_RANGE",
};

/** What webhook-dispatcher may refuse in a well-formed endpoint (its codes, 422). */
export const ENDPOINT_PROBLEMS: readonly ErrorCode[] = [
  "ENDPOINT_NOT_FOUND",
  "WEBHOOK_URL_NOT_ALLOWED",
  "UNKNOWN_EVENT_TYPE",
  ...UPSTREAM_PROBLEMS,
];

export const EndpointUrlSchema = boundedText(ENDPOINT_LIMITS.urlLength)
  .min(1)
  .describe(
    "https URL that receives POSTs. Its host must not resolve to a private, loopback, link-local or otherwise reserved address (checked now and at every connection).",
  );

export const EndpointDescriptionSchema = boundedText(ENDPOINT_LIMITS.descriptionLength);

export const EventTypesSchema = z
  .array(boundedText(ENDPOINT_LIMITS.eventTypeLength).min(1))
  .max(ENDPOINT_LIMITS.eventTypes);

export const MetadataSchema = z
  .record(
    boundedText(ENDPOINT_LIMITS.metadataKeyLength).min(1),
    boundedText(ENDPOINT_LIMITS.metadataValueLength),
  )
  .refine(
    (metadata) => Object.keys(metadata).length <= ENDPOINT_LIMITS.metadataPairs,
    `At most ${ENDPOINT_LIMITS.metadataPairs} pairs.`,
  )
  .meta({ maxProperties: ENDPOINT_LIMITS.metadataPairs });

export const RateLimitPerSecondSchema = z.int().min(1).max(ENDPOINT_LIMITS.rateLimitPerSecond);
