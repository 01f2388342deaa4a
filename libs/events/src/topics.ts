/**
 * Every topic the platform uses (ARCHITECTURE.md "Events"). Created idempotently at start-up by
 * `ensureTopics` and, in clusters, by a Helm hook. Partition counts are sized for a handful of
 * consumer replicas; raising them later is safe for keyed ordering only between deployments.
 */
export const TOPICS = {
  usage: "orrery.usage.v1",
  accounts: "orrery.accounts.v1",
  batchItems: "orrery.batch.items.v1",
  batchEvents: "orrery.batch.events.v1",
  webhooks: "orrery.webhooks.v1",
  webhookAttempts: "orrery.webhooks.attempts.v1",
  quota: "orrery.quota.v1",
  analytics: "orrery.analytics.v1",
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly retentionMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: TOPICS.usage, partitions: 12, retentionMs: 7 * DAY_MS },
  { topic: TOPICS.accounts, partitions: 6, retentionMs: 30 * DAY_MS },
  { topic: TOPICS.batchItems, partitions: 12, retentionMs: 3 * DAY_MS },
  { topic: TOPICS.batchEvents, partitions: 6, retentionMs: 7 * DAY_MS },
  { topic: TOPICS.webhooks, partitions: 6, retentionMs: 7 * DAY_MS },
  { topic: TOPICS.webhookAttempts, partitions: 6, retentionMs: 7 * DAY_MS },
  { topic: TOPICS.quota, partitions: 6, retentionMs: 30 * DAY_MS },
  { topic: TOPICS.analytics, partitions: 6, retentionMs: 7 * DAY_MS },
];

/** One dead-letter topic per consumer group: `<group>.dlq`, kept long enough to investigate. */
export function deadLetterTopic(groupId: string): TopicSpec {
  return { topic: `${groupId}.dlq`, partitions: 3, retentionMs: 14 * DAY_MS };
}
