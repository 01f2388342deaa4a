import { randomUUID } from "node:crypto";
import { redisScript } from "@orrery/cache";
import { GENERATION_KEY, quotaKey, RESTORED_KEY } from "@orrery/limits";
import type { Redis } from "ioredis";
import type { UsageCount, UsageCounterStore, UsageScope } from "../domain/usage-ledger.js";
import { RESTORE_LUA } from "./redis-scripts.js";

type RestoreCommand = (key: string, ...args: (string | number)[]) => Promise<number>;

/** The monthly counters in Redis, as the usage ledger reads and restores them. */
export class RedisUsageCounters implements UsageCounterStore {
  private readonly restoreCommand: RestoreCommand;

  constructor(private readonly redis: Redis) {
    this.restoreCommand = redisScript(redis, "orreryRateLimitRestore", {
      lua: RESTORE_LUA,
      numberOfKeys: 1,
    });
  }

  async read(scopes: readonly UsageScope[]): Promise<UsageCount[]> {
    if (scopes.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const scope of scopes)
      pipeline.hmget(quotaKey(scope.accountId, scope.scope), "c", "e", "u");
    const replies = (await pipeline.exec()) ?? [];
    const counts: UsageCount[] = [];
    scopes.forEach((scope, index) => {
      const [error, value] = replies[index] ?? [new Error("no reply"), null];
      if (error) throw error;
      const [cycle, end, used] = value as (string | null)[];
      if (cycle === null || cycle === undefined || end === null || end === undefined) return;
      counts.push({
        ...scope,
        cycleStart: new Date(Number(cycle) * 1000),
        cycleEnd: new Date(Number(end) * 1000),
        used: Number(used ?? 0),
      });
    });
    return counts;
  }

  async restoreGeneration(): Promise<string | undefined> {
    if ((await this.redis.exists(RESTORED_KEY)) === 1) return undefined;
    // Every replica that finds the marker missing restores under the same generation id, so
    // the per-counter guard in the script adds persisted usage once.
    await this.redis.set(GENERATION_KEY, randomUUID(), "NX");
    return (await this.redis.get(GENERATION_KEY)) ?? undefined;
  }

  async restore(generation: string, counts: readonly UsageCount[]): Promise<void> {
    for (let start = 0; start < counts.length; start += 500) {
      await Promise.all(
        counts
          .slice(start, start + 500)
          .map((count) =>
            this.restoreCommand(
              quotaKey(count.accountId, count.scope),
              generation,
              Math.floor(count.cycleStart.getTime() / 1000),
              Math.floor(count.cycleEnd.getTime() / 1000),
              count.used,
            ),
          ),
      );
    }
  }

  async markRestored(generation: string): Promise<void> {
    await this.redis.set(RESTORED_KEY, generation);
  }
}
