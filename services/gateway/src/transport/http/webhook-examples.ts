import type { z } from "zod";
import type {
  AttemptSchema,
  EndpointSchema,
  EndpointWithSecretSchema,
  MessageSchema,
} from "./webhook-schemas.js";

/**
 * Examples of the /v1/webhooks routes for the document and /docs. Ids stand for the caller's own
 * (the end-to-end test puts real ones in their place).
 */

export const ENDPOINT_ID_EXAMPLE = "ep_4kB7wQ2nR9xT1mZ8pL3vYc";
export const MESSAGE_ID_EXAMPLE = "msg_7Hq2Lx9Vb4Nc8Rt1Wz6Kd3";

export const ENDPOINT_REQUEST_EXAMPLE = {
  url: "https://hooks.example.com/orrery",
  eventTypes: ["batch.completed", "quota.exhausted"],
  description: "Production receiver",
  metadata: { team: "billing" },
};

export const ENDPOINT_EXAMPLE = {
  id: ENDPOINT_ID_EXAMPLE,
  url: "https://hooks.example.com/orrery",
  description: "Production receiver",
  kind: "standard",
  eventTypes: ["batch.completed", "quota.exhausted"],
  metadata: { team: "billing" },
  disabled: false,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
} satisfies z.input<typeof EndpointSchema>;

export const ENDPOINT_WITH_SECRET_EXAMPLE = {
  ...ENDPOINT_EXAMPLE,
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
} satisfies z.input<typeof EndpointWithSecretSchema>;

export const MESSAGE_EXAMPLE = {
  id: MESSAGE_ID_EXAMPLE,
  endpointId: ENDPOINT_ID_EXAMPLE,
  eventType: "webhook.test",
  eventId: "evt_2Jd8Kq4Mn7Pr1Sv5Tx9Wb3",
  status: "pending",
  attempts: 0,
  nextAttemptAt: "2026-12-01T10:05:00.000Z",
  createdAt: "2026-12-01T10:05:00.000Z",
  updatedAt: "2026-12-01T10:05:00.000Z",
  payload: {
    type: "webhook.test",
    timestamp: "2026-12-01T10:05:00.000Z",
    data: { endpointId: ENDPOINT_ID_EXAMPLE },
  },
} satisfies z.input<typeof MessageSchema>;

export const ATTEMPT_EXAMPLE = {
  id: "att_5Rw1Yx8Zc3Vb6Nm9Lk2Jh4",
  messageId: MESSAGE_ID_EXAMPLE,
  endpointId: ENDPOINT_ID_EXAMPLE,
  number: 1,
  startedAt: "2026-12-01T10:05:00.120Z",
  responseStatus: 204,
  latencyMs: 87,
  responseBody: "",
  succeeded: true,
} satisfies z.input<typeof AttemptSchema>;
