import { REPORT_ID_EXAMPLE, ReportIdParamsSchema } from "./analytics-reports.js";
import { BATCH_ID_EXAMPLE, BatchIdParamsSchema } from "./batch-schemas.js";
import type { Resource } from "./resource-route.js";
import { ENDPOINT_ID_EXAMPLE, MESSAGE_ID_EXAMPLE } from "./webhook-examples.js";
import { EndpointIdParamsSchema, MessageIdParamsSchema } from "./webhook-schemas.js";

/** What the API names by id under an account, for the routes on one of them. */
export const BATCH: Resource<typeof BatchIdParamsSchema> = {
  tag: "batches",
  scope: "batches:read",
  params: BatchIdParamsSchema,
  paramsExample: { batchId: BATCH_ID_EXAMPLE },
  notFound: "BATCH_NOT_FOUND",
};

export const WEBHOOK_ENDPOINT: Resource<typeof EndpointIdParamsSchema> = {
  tag: "webhooks",
  scope: "webhooks:manage",
  params: EndpointIdParamsSchema,
  paramsExample: { endpointId: ENDPOINT_ID_EXAMPLE },
  notFound: "ENDPOINT_NOT_FOUND",
};

export const WEBHOOK_MESSAGE: Resource<typeof MessageIdParamsSchema> = {
  tag: "webhooks",
  scope: "webhooks:manage",
  params: MessageIdParamsSchema,
  paramsExample: { messageId: MESSAGE_ID_EXAMPLE },
  notFound: "MESSAGE_NOT_FOUND",
};

export const SAVED_REPORT: Resource<typeof ReportIdParamsSchema> = {
  tag: "analytics",
  scope: "analytics:read",
  params: ReportIdParamsSchema,
  paramsExample: { reportId: REPORT_ID_EXAMPLE },
  notFound: "REPORT_NOT_FOUND",
};
