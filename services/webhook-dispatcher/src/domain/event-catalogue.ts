/** The event types partners subscribe to: name, meaning, JSON Schema of `data`, an example. */
export interface EventTypeDefinition {
  readonly name: string;
  readonly description: string;
  readonly dataSchema: Record<string, unknown>;
  readonly exampleData: Record<string, unknown>;
}

const accountId = { type: "string", description: "The account the event belongs to." };
const timestamp = { type: "string", format: "date-time" };

function objectSchema(
  properties: Record<string, unknown>,
  required: readonly string[] = Object.keys(properties),
): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { accountId, ...properties },
    required: ["accountId", ...required],
    additionalProperties: false,
  };
}

const quotaSchema = objectSchema({
  thresholdPercent: { type: "integer", enum: [80, 100] },
  used: { type: "integer", minimum: 0, description: "Request units used in the cycle." },
  quota: { type: "integer", minimum: 0 },
  cycleStartedAt: timestamp,
  cycleResetsAt: timestamp,
});

const batchSchema = objectSchema(
  {
    batchId: { type: "string" },
    status: { type: "string" },
    totalItems: { type: "integer", minimum: 0 },
    succeededItems: { type: "integer", minimum: 0 },
    failedItems: { type: "integer", minimum: 0 },
    reason: { type: "string", description: "Why it failed, was cancelled or expired." },
  },
  ["batchId", "status", "totalItems", "succeededItems", "failedItems"],
);

const exampleAccount = "acc_5Dx8Kq2vNf3LmZ1tYb7RwA";

function batchExample(status: string, extra: Record<string, unknown> = {}) {
  return {
    accountId: exampleAccount,
    batchId: "bat_3hTq9ZkWm2Lr8VxC1nBd4e",
    status,
    totalItems: 1000,
    succeededItems: status === "progress" ? 420 : 998,
    failedItems: status === "progress" ? 0 : 2,
    ...extra,
  };
}

function quotaExample(thresholdPercent: number) {
  return {
    accountId: exampleAccount,
    thresholdPercent,
    used: thresholdPercent * 100,
    quota: 10_000,
    cycleStartedAt: "2026-12-01T00:00:00.000Z",
    cycleResetsAt: "2027-01-01T00:00:00.000Z",
  };
}

export const EVENT_CATALOGUE: readonly EventTypeDefinition[] = [
  {
    name: "key.created",
    description: "An API key was created.",
    dataSchema: objectSchema({
      keyId: { type: "string" },
      name: { type: "string" },
      scopes: { type: "array", items: { type: "string" } },
    }),
    exampleData: {
      accountId: exampleAccount,
      keyId: "key_8Wm2Qx7cLr4Tn1Vb9KzE3d",
      name: "production server",
      scopes: ["charts:read"],
    },
  },
  {
    name: "key.rotated",
    description: "An API key was rotated; the previous secret works until previousKeyExpiresAt.",
    dataSchema: objectSchema(
      {
        keyId: { type: "string", description: "The new key." },
        previousKeyId: { type: "string" },
        previousKeyExpiresAt: timestamp,
      },
      ["keyId", "previousKeyId"],
    ),
    exampleData: {
      accountId: exampleAccount,
      keyId: "key_2Lp9Vd4Xc8Mn3Qb7Tw1ZkR",
      previousKeyId: "key_8Wm2Qx7cLr4Tn1Vb9KzE3d",
      previousKeyExpiresAt: "2026-12-02T09:30:00.000Z",
    },
  },
  {
    name: "key.revoked",
    description: "An API key was revoked and no longer works.",
    dataSchema: objectSchema({ keyId: { type: "string" } }),
    exampleData: { accountId: exampleAccount, keyId: "key_8Wm2Qx7cLr4Tn1Vb9KzE3d" },
  },
  {
    name: "account.plan_changed",
    description: "The account's plan or its limit overrides changed.",
    dataSchema: objectSchema({
      previousPlan: { type: "string" },
      plan: { type: "string" },
      overridesChanged: { type: "boolean" },
    }),
    exampleData: {
      accountId: exampleAccount,
      previousPlan: "free",
      plan: "basic",
      overridesChanged: false,
    },
  },
  {
    name: "quota.threshold_reached",
    description: "80 % of the monthly quota is used (once per billing cycle).",
    dataSchema: quotaSchema,
    exampleData: quotaExample(80),
  },
  {
    name: "quota.exhausted",
    description:
      "The monthly quota is used up; quota-costing requests are refused until it resets.",
    dataSchema: quotaSchema,
    exampleData: quotaExample(100),
  },
  {
    name: "batch.progress",
    description: "A batch advanced (sent at most once per interval per batch).",
    dataSchema: batchSchema,
    exampleData: batchExample("progress"),
  },
  {
    name: "batch.completed",
    description: "Every item of a batch was processed.",
    dataSchema: batchSchema,
    exampleData: batchExample("completed"),
  },
  {
    name: "batch.failed",
    description: "A batch stopped because of an error.",
    dataSchema: batchSchema,
    exampleData: batchExample("failed", { reason: "engine unavailable" }),
  },
  {
    name: "batch.cancelled",
    description: "A batch was cancelled before it finished.",
    dataSchema: batchSchema,
    exampleData: batchExample("cancelled", { reason: "cancelled by the caller" }),
  },
  {
    name: "batch.expired",
    description: "A batch's results passed their retention and were removed.",
    dataSchema: batchSchema,
    exampleData: batchExample("expired", { reason: "results retention ended" }),
  },
  {
    name: "report.ready",
    description:
      "A saved report's scheduled run is stored; download it at GET /v1/analytics/reports/{reportId}/runs/{runId}.",
    dataSchema: objectSchema({
      reportId: { type: "string" },
      runId: { type: "string" },
      name: { type: "string" },
      startedAt: timestamp,
      from: timestamp,
      to: timestamp,
      points: { type: "integer", minimum: 0, description: "Buckets × groups in the run." },
      truncated: { type: "boolean" },
    }),
    exampleData: {
      accountId: exampleAccount,
      reportId: "0b9f6a52-6d1e-4f3a-9c2e-5a4f1d3b7e90",
      runId: "5d0c7f3e-2b41-4a8e-9d6c-1f2e3a4b5c6d",
      name: "Daily errors by route",
      startedAt: "2026-12-03T06:00:00.120Z",
      from: "2026-12-02T06:00:00.000Z",
      to: "2026-12-03T06:00:00.000Z",
      points: 24,
      truncated: false,
    },
  },
  {
    name: "webhook.endpoint.disabled",
    description:
      "One of the account's endpoints was disabled (failing for too long, or it answered 410). Not sent to that endpoint.",
    dataSchema: objectSchema({
      endpointId: { type: "string" },
      reason: { type: "string", enum: ["failing", "gone"] },
    }),
    exampleData: {
      accountId: exampleAccount,
      endpointId: "ep_7Yt3Kd9Lm2Qx8Vb4Nc1WzR",
      reason: "failing",
    },
  },
  {
    name: "webhook.message.failing",
    description:
      "A message failed several attempts in a row at one endpoint and is still being retried. Not sent to that endpoint.",
    dataSchema: objectSchema({
      endpointId: { type: "string" },
      messageId: { type: "string" },
      attempt: { type: "integer", minimum: 1 },
      responseStatus: { type: "integer", description: "0 when no response arrived." },
      error: { type: "string" },
    }),
    exampleData: {
      accountId: exampleAccount,
      endpointId: "ep_7Yt3Kd9Lm2Qx8Vb4Nc1WzR",
      messageId: "msg_4Gh8Rt2Wq9Lx3Nb7Vc1KmZ",
      attempt: 3,
      responseStatus: 500,
      error: "HTTP 500",
    },
  },
  {
    name: "webhook.test",
    description: "Sent by POST /v1/webhooks/endpoints/{id}/test to that endpoint only.",
    dataSchema: objectSchema({ endpointId: { type: "string" }, message: { type: "string" } }),
    exampleData: {
      accountId: exampleAccount,
      endpointId: "ep_7Yt3Kd9Lm2Qx8Vb4Nc1WzR",
      message: "This is a test event from Orrery.",
    },
  },
];

const NAMES = new Set(EVENT_CATALOGUE.map((type) => type.name));

export function isEventTypeName(name: string): boolean {
  return NAMES.has(name);
}

/** The most a body may weigh: larger events are refused rather than cut. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** The exact bytes a standard endpoint receives and the signature covers. */
export function eventBody(type: string, time: Date, data: Record<string, unknown>): Buffer {
  const body = Buffer.from(JSON.stringify({ type, timestamp: time.toISOString(), data }));
  if (body.length > MAX_PAYLOAD_BYTES) {
    throw new Error(`a ${type} body of ${body.length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  }
  return body;
}
