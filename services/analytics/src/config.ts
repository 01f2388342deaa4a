import { backendServiceEnv, defineServiceConfig, z } from "@orrery/config";
import { TOPICS } from "@orrery/events";

const days = (fallback: number) => z.coerce.number().int().min(1).max(36_600).default(fallback);

export const loadServiceConfig = defineServiceConfig("analytics", {
  ...backendServiceEnv({ http: 9405, grpc: 50055 }),
  /** The consumer group counting usage events; every replica of one deployment shares it. */
  USAGE_CONSUMER_GROUP: z.string().min(1).default("analytics-key-usage"),
  /** The consumer group recording batch endings (admin overview's batch throughput). */
  BATCH_CONSUMER_GROUP: z.string().min(1).default("analytics-batch-throughput"),
  /** The consumer group counting webhook delivery attempts (admin overview's success rate). */
  WEBHOOK_CONSUMER_GROUP: z.string().min(1).default("analytics-webhook-outcomes"),
  /** The topic of usage events (another one only for benchmarks on a topic of their own). */
  USAGE_TOPIC: z.string().min(1).default(TOPICS.usage),
  /**
   * A fetch waits for this many bytes of usage events (or USAGE_FETCH_MAX_WAIT_MS), so that a
   * steady stream is counted in few, large transactions.
   */
  USAGE_FETCH_MIN_BYTES: z.coerce.number().int().min(1).max(16_777_216).default(1_048_576),
  USAGE_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(10).max(10_000).default(1_000),
  /**
   * How long a fetch of batch endings or webhook attempts waits for one. Those topics are quiet
   * next to usage, and an empty fetch that comes back sooner costs CPU for nothing; an event that
   * arrives is handed over at once either way.
   */
  OUTCOME_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(10).max(10_000).default(2_000),
  /**
   * The batches a fetch brings for the member's partitions are counted together, in one
   * transaction of at most about USAGE_MERGE_MAX_EVENTS events, each batch waiting at most
   * USAGE_MERGE_MAX_WAIT_MS for the others: a steady stream over many partitions then costs one
   * transaction per fetch instead of one per partition. USAGE_PARTITIONS_CONCURRENTLY (the
   * topic's partition count) lets every partition's batch be in hand at once. A backlog is
   * counted faster in several smaller transactions than in one of the whole fetch: Node builds
   * one while Postgres writes another.
   */
  USAGE_MERGE_MAX_EVENTS: z.coerce.number().int().min(1).max(200_000).default(8_000),
  USAGE_MERGE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(1_000).default(25),
  USAGE_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(256).default(12),
  /** Claimed event ids are kept this long: longer than orrery.usage.v1 keeps events (7 days). */
  USAGE_DEDUP_WINDOW_DAYS: days(8),
  /** Rollup retention per granularity, in days: partitions past it are dropped. */
  ROLLUP_RETENTION_MINUTE_DAYS: days(14),
  ROLLUP_RETENTION_HOUR_DAYS: days(396),
  ROLLUP_RETENTION_DAY_DAYS: days(1_827),
  /**
   * Batch outcomes (admin overview's batch throughput) are kept as long as the hour rollups the
   * overview reads: an older range has no usage to show beside them, a shorter one would show
   * usage without its batches. A row is one small line per batch.
   */
  BATCH_OUTCOME_RETENTION_DAYS: days(396),
  /** Hourly webhook attempt totals are kept as long as the hour rollups beside them. */
  WEBHOOK_OUTCOME_RETENTION_DAYS: days(396),
  /** Counted attempt event ids are kept this long: longer than their topic keeps events (7 days). */
  WEBHOOK_DEDUP_WINDOW_DAYS: days(8),
  /** How often partitions are created ahead, expired ones dropped and old batch outcomes removed. */
  ROLLUP_MAINTENANCE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60 * 60 * 1000),
  /** How often due report schedules are looked for, and how many one look runs at most. */
  REPORT_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  REPORT_SCHEDULE_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type Config = ReturnType<typeof loadServiceConfig>;
