import type { Redis } from "ioredis";
import type pg from "pg";
import { PiscinaItemComputer } from "./adapters/piscina-item-computer.js";
import { PostgresBatchStore } from "./adapters/postgres-batch-store.js";
import { RedisProgressCounters } from "./adapters/redis-progress-counters.js";
import type { Config } from "./config.js";
import { Batches } from "./domain/batches.js";
import { WorkUnits } from "./domain/work-units.js";

export interface BatchDomain {
  readonly store: PostgresBatchStore;
  readonly batches: Batches;
  readonly units: WorkUnits;
  readonly computer: PiscinaItemComputer;
}

/** Adapters built and handed to the domain, in one place. */
export function buildDomain(config: Config, pool: pg.Pool, redis: Redis): BatchDomain {
  const now = () => new Date();
  const store = new PostgresBatchStore(pool);
  const counters = new RedisProgressCounters(redis);
  const computer = new PiscinaItemComputer({
    threads: config.BATCH_WORKER_THREADS,
    sliceSize: config.BATCH_SLICE_SIZE,
    youngGenerationMb: config.BATCH_WORKER_YOUNG_GENERATION_MB,
  });
  return {
    store,
    computer,
    batches: new Batches({
      store,
      counters,
      now,
      queue: { unitSize: config.BATCH_UNIT_SIZE, unitsInFlight: config.BATCH_UNITS_IN_FLIGHT },
      defaultCompletionWindowSeconds: Math.floor(config.BATCH_DEFAULT_COMPLETION_WINDOW_MS / 1000),
    }),
    units: new WorkUnits({
      store,
      counters,
      computer,
      now,
      maxAttempts: config.BATCH_ITEM_MAX_ATTEMPTS,
      progressIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS,
      unitSize: config.BATCH_UNIT_SIZE,
      writeSize: config.BATCH_WRITE_SIZE,
    }),
  };
}
