import type { Redis } from "ioredis";
import type { ProgressCounters, ProgressCounts } from "../domain/ports.js";

/** Live counters of running batches live this long after their last write. */
const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Raises each counter to the given value, never lowers it: the values come from the Postgres
 * transaction that recorded the outcomes, so a write that arrives late (or twice) changes
 * nothing, and a key lost to a flush is whole again at the next write.
 */
const RAISE_SCRIPT = `
for i = 1, #ARGV - 1, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '-1')
  if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
redis.call('PEXPIRE', KEYS[1], ${TTL_MS})
return 1`;

/** A batch's live counters in one hash, hash-tagged by batch id (one slot in Redis Cluster). */
export function progressKey(batchId: string): string {
  return `batch:{${batchId}}:progress`;
}

/** Running batches' counters in the stack's Redis; Postgres stays the system of record. */
export class RedisProgressCounters implements ProgressCounters {
  constructor(private readonly redis: Redis) {
    redis.defineCommand("raiseBatchProgress", { numberOfKeys: 1, lua: RAISE_SCRIPT });
  }

  async raise(batchId: string, counts: ProgressCounts): Promise<void> {
    await (
      this.redis as Redis & {
        raiseBatchProgress(key: string, ...args: (string | number)[]): Promise<number>;
      }
    ).raiseBatchProgress(
      progressKey(batchId),
      "succeeded",
      counts.succeeded,
      "failed",
      counts.failed,
    );
  }

  async read(batchId: string): Promise<ProgressCounts | undefined> {
    const [succeeded, failed] = await this.redis.hmget(progressKey(batchId), "succeeded", "failed");
    if (succeeded === null || failed === null) return undefined;
    return { succeeded: Number(succeeded), failed: Number(failed) };
  }

  async drop(batchId: string): Promise<void> {
    await this.redis.del(progressKey(batchId));
  }
}
