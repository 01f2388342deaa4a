import type { EndpointKind } from "./model.js";

interface EventBody {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

function field(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return value === undefined || value === null ? "" : String(value);
}

/** One readable line per event type, for people reading a chat channel. */
export function describeEvent(event: EventBody): string {
  const { data } = event;
  switch (event.type) {
    case "key.created":
      return `API key ${field(data, "keyId")} ("${field(data, "name")}") was created.`;
    case "key.rotated":
      return `API key ${field(data, "previousKeyId")} was rotated to ${field(data, "keyId")}.`;
    case "key.revoked":
      return `API key ${field(data, "keyId")} was revoked.`;
    case "account.plan_changed":
      return `The plan changed from ${field(data, "previousPlan")} to ${field(data, "plan")}.`;
    case "quota.threshold_reached":
      return `${field(data, "thresholdPercent")} % of the monthly quota is used (${field(data, "used")} of ${field(data, "quota")}).`;
    case "quota.exhausted":
      return `The monthly quota is used up (${field(data, "used")} of ${field(data, "quota")}); it resets at ${field(data, "cycleResetsAt")}.`;
    case "batch.progress":
      return `Batch ${field(data, "batchId")}: ${field(data, "succeededItems")} of ${field(data, "totalItems")} items done.`;
    case "batch.completed":
      return `Batch ${field(data, "batchId")} completed: ${field(data, "succeededItems")} succeeded, ${field(data, "failedItems")} failed.`;
    case "batch.failed":
    case "batch.cancelled":
    case "batch.expired": {
      const reason = field(data, "reason");
      return `Batch ${field(data, "batchId")} ${event.type.slice("batch.".length)}${reason === "" ? "" : `: ${reason}`}.`;
    }
    case "webhook.endpoint.disabled":
      return `Webhook endpoint ${field(data, "endpointId")} was disabled (${field(data, "reason")}).`;
    case "webhook.message.failing":
      return `Webhook message ${field(data, "messageId")} keeps failing at endpoint ${field(data, "endpointId")} (attempt ${field(data, "attempt")}: ${field(data, "error")}).`;
    case "report.ready":
      return `Report "${field(data, "name")}" is ready (${field(data, "from")} to ${field(data, "to")}): GET /v1/analytics/reports/${field(data, "reportId")}/runs/${field(data, "runId")}.`;
    case "webhook.test":
      return field(data, "message");
    default:
      return `${event.type} event.`;
  }
}

/**
 * The body an endpoint of this kind receives: the event itself, or Slack's (`text`) or
 * Discord's (`content`) incoming-webhook message describing it.
 */
export function bodyForKind(kind: EndpointKind, eventBody: Buffer): Buffer {
  if (kind === "standard") return eventBody;
  const event = JSON.parse(eventBody.toString("utf8")) as EventBody;
  const text = `[Orrery] ${describeEvent(event)}`;
  return Buffer.from(JSON.stringify(kind === "slack" ? { text } : { content: text }));
}
