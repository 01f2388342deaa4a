import { availableParallelism } from "node:os";
import { backendServiceEnv, defineServiceConfig, durationMs, redisEnv, z } from "@orrery/config";

const DAY_MS = 24 * 60 * 60 * 1000;

export const loadServiceConfig = defineServiceConfig("batch-worker", {
  ...backendServiceEnv({ http: 9404, grpc: 50054 }),
  ...redisEnv,
  /** Worker threads computing items; one per core given to the process by default. */
  BATCH_WORKER_THREADS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /**
   * Young-generation (semi-space) size of each pool thread's heap, MiB. A slice's garbage is
   * short-lived: a small young generation collects it often and cheaply instead of letting
   * every thread grow its heap toward V8's default.
   */
  BATCH_WORKER_YOUNG_GENERATION_MB: z.coerce.number().int().min(1).max(256).default(8),
  /** Items per work unit on orrery.batch.items.v1. */
  BATCH_UNIT_SIZE: z.coerce.number().int().min(1).max(5_000).default(250),
  /**
   * Units of one batch queued at once (each finished unit queues the next): what another
   * tenant's batch on the same partition waits behind, at most.
   */
  BATCH_UNITS_IN_FLIGHT: z.coerce.number().int().min(1).max(100).default(2),
  /** Items one pool task computes (the pool is kept fed: a slice queued behind each thread's). */
  BATCH_SLICE_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Outcomes written per statement; the batch's state (cancel, expiry) is read back with each. */
  BATCH_WRITE_SIZE: z.coerce.number().int().min(1).max(5_000).default(100),
  /** An item attempted this often without an outcome fails alone (a poison item). */
  BATCH_ITEM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** batch.progress at most once per batch per this interval. */
  BATCH_PROGRESS_INTERVAL_MS: durationMs(1_000),
  /** Completion window of a batch that names none. */
  BATCH_DEFAULT_COMPLETION_WINDOW_MS: durationMs(DAY_MS),
  /** How often batches past their window are expired. */
  BATCH_EXPIRY_INTERVAL_MS: durationMs(5_000),
  /** Finished batches and their results are kept this long. */
  BATCH_RETENTION_MS: durationMs(30 * DAY_MS),
  BATCH_RETENTION_INTERVAL_MS: durationMs(10 * 60_000),
  /** Partitions of orrery.batch.items.v1 this process works on at once. */
  BATCH_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(4),
  /** Kafka consumer group of the workers. */
  BATCH_CONSUMER_GROUP: z.string().min(1).default("batch-worker"),
});

export type Config = ReturnType<typeof loadServiceConfig>;
