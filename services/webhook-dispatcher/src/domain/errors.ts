import { DomainError, type ErrorCode } from "@orrery/errors";

/** The service's error codes, each a documented problem type at the gateway. */
export const webhookErrors = {
  endpointNotFound: (id: string) =>
    new DomainError("ENDPOINT_NOT_FOUND", `No webhook endpoint ${id}.`),
  messageNotFound: (id: string) =>
    new DomainError("MESSAGE_NOT_FOUND", `No webhook message ${id}.`),
  endpointLimitReached: (limit: number) =>
    new DomainError(
      "WEBHOOK_ENDPOINT_LIMIT_REACHED",
      `The plan allows ${limit} webhook endpoints; delete one first.`,
      { metadata: { limit: String(limit) } },
    ),
  urlNotAllowed: (reason: string) =>
    new DomainError("WEBHOOK_URL_NOT_ALLOWED", `url ${reason}.`, {
      violations: [{ field: "url", code: "WEBHOOK_URL_NOT_ALLOWED", message: reason }],
    }),
  unknownEventType: (field: string, type: string) =>
    new DomainError(
      "UNKNOWN_EVENT_TYPE",
      `${type} is not an event type (GET /v1/webhooks/event-types lists them).`,
      {
        violations: [{ field, code: "UNKNOWN_EVENT_TYPE", message: `Unknown event type ${type}.` }],
      },
    ),
  /** A limit a field exceeds: the code names the limit. */
  invalid: (field: string, code: ErrorCode, message: string) =>
    new DomainError(code, `${field}: ${message}`, {
      violations: [{ field, code, message }],
    }),
  endpointDisabled: (id: string) =>
    new DomainError("ENDPOINT_DISABLED", `Webhook endpoint ${id} is disabled; enable it first.`),
  recoverWindowExceeded: (maxDays: number) =>
    new DomainError("RECOVER_WINDOW_EXCEEDED", `since may be at most ${maxDays} days back.`, {
      metadata: { limit: String(maxDays) },
      violations: [
        {
          field: "since",
          code: "RECOVER_WINDOW_EXCEEDED",
          message: `At most ${maxDays} days back.`,
        },
      ],
    }),
} as const;
