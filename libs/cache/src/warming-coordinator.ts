import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export interface WarmingCoordinatorOptions {
  /** Names the Redis keys: `<name>:warm:lock`, `<name>:warm:fence`, `<name>:warm:last`. */
  readonly name: string;
  /** A holder that stops renewing loses the lock after this long. */
  readonly lockTtlMs: number;
  /** A run is skipped when any replica finished one less than this long ago. */
  readonly minIntervalMs: number;
}

export type WarmRun =
  | { readonly outcome: "warmed"; readonly token: number; readonly items: number }
  | { readonly outcome: "fenced"; readonly token: number; readonly items: number }
  | { readonly outcome: "busy" }
  | { readonly outcome: "recent" };

// Takes the lock and, with it, a fencing token larger than every earlier one.
const ACQUIRE = `
if redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  local token = redis.call("INCR", KEYS[2])
  redis.call("SET", KEYS[1], ARGV[1] .. ":" .. token, "PX", ARGV[2])
  return token
end
return false`;

// Extends the lock only while it still names this holder and token.
const RENEW = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0`;

// Records the finished run only if no later token was issued, then frees the lock.
const FINISH = `
if tonumber(redis.call("GET", KEYS[2])) ~= tonumber(ARGV[2]) then return 0 end
redis.call("SET", KEYS[3], ARGV[3])
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 1`;

/**
 * Lets one replica at a time warm a cache: a Redis lock (SET NX PX) that carries a fencing
 * token. The holder renews the lock between items; a holder that paused past the lock's TTL
 * finds its renewal refused and stops, and its completion is refused because a later token
 * exists. Runs are spaced by `minIntervalMs` across all replicas.
 */
export class WarmingCoordinator {
  readonly #redis: Redis;
  readonly #options: WarmingCoordinatorOptions;
  readonly #keys: readonly [string, string, string];
  readonly #holder = randomUUID();

  constructor(redis: Redis, options: WarmingCoordinatorOptions) {
    this.#redis = redis;
    this.#options = options;
    this.#keys = [
      `${options.name}:warm:lock`,
      `${options.name}:warm:fence`,
      `${options.name}:warm:last`,
    ];
  }

  /**
   * Warms each item in turn while holding the lock. Returns how the run went; Redis failures
   * propagate (a run is simply tried again later).
   */
  async run<T>(
    items: () => Promise<readonly T[]>,
    warm: (item: T) => Promise<void>,
  ): Promise<WarmRun> {
    const [lockKey, fenceKey, lastKey] = this.#keys;
    const last = Number((await this.#redis.get(lastKey)) ?? 0);
    if (Date.now() - last < this.#options.minIntervalMs) return { outcome: "recent" };
    const token = (await this.#redis.eval(
      ACQUIRE,
      2,
      lockKey,
      fenceKey,
      this.#holder,
      this.#options.lockTtlMs,
    )) as number | null;
    if (token === null) return { outcome: "busy" };
    const lockValue = `${this.#holder}:${token}`;
    let warmed = 0;
    for (const item of await items()) {
      const renewed = await this.#redis.eval(RENEW, 1, lockKey, lockValue, this.#options.lockTtlMs);
      if (renewed !== 1) return { outcome: "fenced", token, items: warmed };
      await warm(item);
      warmed += 1;
    }
    const finished = await this.#redis.eval(
      FINISH,
      3,
      lockKey,
      fenceKey,
      lastKey,
      lockValue,
      token,
      Date.now(),
    );
    return finished === 1
      ? { outcome: "warmed", token, items: warmed }
      : { outcome: "fenced", token, items: warmed };
  }
}
