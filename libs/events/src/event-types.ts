import type { DescMessage, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import {
  AccountCreatedSchema,
  AccountPlanChangedSchema,
  AccountSuspensionChangedSchema,
  KeyCreatedSchema,
  KeyRevokedSchema,
  KeyRotatedSchema,
} from "@orrery/proto/events/v1/accounts";
import { ReportReadySchema } from "@orrery/proto/events/v1/analytics";
import { BatchItemQueuedSchema, BatchStatusChangedSchema } from "@orrery/proto/events/v1/batch";
import { QuotaThresholdCrossedSchema } from "@orrery/proto/events/v1/quota";
import { UsageRecordedSchema } from "@orrery/proto/events/v1/usage";
import {
  WebhookAttemptCompletedSchema,
  WebhookAttemptFailingSchema,
  WebhookEndpointDisabledSchema,
} from "@orrery/proto/events/v1/webhooks";
import { TOPICS } from "./topics.js";

interface EventTypeDefinition {
  readonly topic: string;
  readonly schema: DescMessage;
  /** Partition key; the account id unless ordering must follow another entity. */
  readonly partitionKey?: "batchId";
}

/**
 * The CloudEvents `type` of every event, with its topic and protobuf payload. A type is a
 * contract: adding fields to its message is compatible; changing meaning needs a new type.
 */
export const EVENT_TYPES = {
  "orrery.usage.recorded": { topic: TOPICS.usage, schema: UsageRecordedSchema },
  "orrery.account.created": { topic: TOPICS.accounts, schema: AccountCreatedSchema },
  "orrery.account.plan_changed": { topic: TOPICS.accounts, schema: AccountPlanChangedSchema },
  "orrery.account.suspended": { topic: TOPICS.accounts, schema: AccountSuspensionChangedSchema },
  "orrery.account.reinstated": { topic: TOPICS.accounts, schema: AccountSuspensionChangedSchema },
  "orrery.key.created": { topic: TOPICS.accounts, schema: KeyCreatedSchema },
  "orrery.key.rotated": { topic: TOPICS.accounts, schema: KeyRotatedSchema },
  "orrery.key.revoked": { topic: TOPICS.accounts, schema: KeyRevokedSchema },
  "orrery.quota.threshold_crossed": { topic: TOPICS.quota, schema: QuotaThresholdCrossedSchema },
  "orrery.batch.item": {
    topic: TOPICS.batchItems,
    schema: BatchItemQueuedSchema,
    partitionKey: "batchId",
  },
  "orrery.batch.progress": { topic: TOPICS.batchEvents, schema: BatchStatusChangedSchema },
  "orrery.batch.completed": { topic: TOPICS.batchEvents, schema: BatchStatusChangedSchema },
  "orrery.batch.failed": { topic: TOPICS.batchEvents, schema: BatchStatusChangedSchema },
  "orrery.batch.cancelled": { topic: TOPICS.batchEvents, schema: BatchStatusChangedSchema },
  "orrery.batch.expired": { topic: TOPICS.batchEvents, schema: BatchStatusChangedSchema },
  "orrery.webhook.attempt_failing": { topic: TOPICS.webhooks, schema: WebhookAttemptFailingSchema },
  "orrery.webhook.endpoint_disabled": {
    topic: TOPICS.webhooks,
    schema: WebhookEndpointDisabledSchema,
  },
  "orrery.webhook.attempt_completed": {
    topic: TOPICS.webhookAttempts,
    schema: WebhookAttemptCompletedSchema,
  },
  "orrery.report.ready": { topic: TOPICS.analytics, schema: ReportReadySchema },
} as const satisfies Record<string, EventTypeDefinition>;

export type EventType = keyof typeof EVENT_TYPES;
export type EventSchema<T extends EventType> = (typeof EVENT_TYPES)[T]["schema"];
export type EventData<T extends EventType> = MessageShape<EventSchema<T>>;
export type EventDataInit<T extends EventType> = MessageInitShape<EventSchema<T>>;

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}

export function eventDefinition(type: EventType): EventTypeDefinition {
  return EVENT_TYPES[type];
}
