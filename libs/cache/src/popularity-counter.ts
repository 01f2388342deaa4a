import type { Redis } from "ioredis";

export interface PopularityCounterOptions {
  /** Names the Redis keys: `<name>:popularity` (sorted set) and `<name>:popularity:payloads`. */
  readonly name: string;
  /** Only this many most requested entries are kept. */
  readonly maxTracked: number;
}

export interface PopularEntry {
  readonly id: string;
  /** What the warmer needs to recompute the entry (e.g. the canonical input). */
  readonly payload: string;
  readonly count: number;
}

// Adds the counts and payloads, then drops the least requested entries beyond the bound
// (and their payloads) in the same step.
const FLUSH = `
local max = tonumber(ARGV[1])
for i = 2, #ARGV, 3 do
  redis.call("ZINCRBY", KEYS[1], ARGV[i + 1], ARGV[i])
  redis.call("HSETNX", KEYS[2], ARGV[i], ARGV[i + 2])
end
local excess = redis.call("ZCARD", KEYS[1]) - max
if excess > 0 then
  local dropped = redis.call("ZRANGE", KEYS[1], 0, excess - 1)
  redis.call("ZREMRANGEBYRANK", KEYS[1], 0, excess - 1)
  redis.call("HDEL", KEYS[2], unpack(dropped))
end
return excess`;

/**
 * How often each entry is requested, shared by every replica in Redis. Requests are counted
 * in memory and flushed in one round trip, so counting costs the request path nothing.
 */
export class PopularityCounter {
  readonly #redis: Redis;
  readonly #options: PopularityCounterOptions;
  readonly #scores: string;
  readonly #payloads: string;
  #pending = new Map<string, { count: number; payload: string }>();

  constructor(redis: Redis, options: PopularityCounterOptions) {
    this.#redis = redis;
    this.#options = options;
    this.#scores = `${options.name}:popularity`;
    this.#payloads = `${options.name}:popularity:payloads`;
  }

  record(id: string, payload: string): void {
    const entry = this.#pending.get(id);
    if (entry === undefined) this.#pending.set(id, { count: 1, payload });
    else entry.count += 1;
  }

  /** Sends the counts gathered since the last flush; on failure they are kept for the next one. */
  async flush(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    const args: (string | number)[] = [this.#options.maxTracked];
    for (const [id, { count, payload }] of batch) args.push(id, count, payload);
    try {
      await this.#redis.eval(FLUSH, 2, this.#scores, this.#payloads, ...args);
    } catch (error) {
      for (const [id, entry] of batch) {
        const current = this.#pending.get(id);
        if (current === undefined) this.#pending.set(id, entry);
        else current.count += entry.count;
      }
      throw error;
    }
  }

  /** The `limit` most requested entries, most requested first. */
  async top(limit: number): Promise<PopularEntry[]> {
    const flat = await this.#redis.zrevrange(this.#scores, 0, limit - 1, "WITHSCORES");
    const ids: string[] = [];
    const counts: number[] = [];
    for (let index = 0; index < flat.length; index += 2) {
      ids.push(flat[index] ?? "");
      counts.push(Number(flat[index + 1]));
    }
    if (ids.length === 0) return [];
    const payloads = await this.#redis.hmget(this.#payloads, ...ids);
    const entries: PopularEntry[] = [];
    ids.forEach((id, index) => {
      const payload = payloads[index];
      if (payload !== null && payload !== undefined)
        entries.push({ id, payload, count: counts[index] ?? 0 });
    });
    return entries;
  }
}
