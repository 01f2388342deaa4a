import { redisScript } from "@orrery/cache";
import type { Redis } from "ioredis";
import type { ConnectionRegistry } from "../domain/ports.js";

// KEYS[1] the account's sorted set (member: connection id, score: expiry in Redis time, ms).
// ARGV connection id, limit, TTL ms. Drops expired entries (pods that died), then admits the
// connection if the account is under its limit. Returns 1 when admitted.
const ACQUIRE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

// KEYS[1] the account's sorted set; ARGV TTL ms, connection ids still open on this pod.
const REFRESH = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`;

type AcquireCommand = (key: string, id: string, limit: number, ttlMs: number) => Promise<number>;
type RefreshCommand = (key: string, ...args: (string | number)[]) => Promise<number>;

/**
 * Open connections per account across every pod: a sorted set per account whose entries a pod
 * refreshes while they are open, so a pod that dies frees its share when the entries expire.
 */
export class RedisConnectionRegistry implements ConnectionRegistry {
  private readonly acquireCommand: AcquireCommand;
  private readonly refreshCommand: RefreshCommand;

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {
    this.acquireCommand = redisScript(redis, "realtimeAcquire", { lua: ACQUIRE, numberOfKeys: 1 });
    this.refreshCommand = redisScript(redis, "realtimeRefresh", { lua: REFRESH, numberOfKeys: 1 });
  }

  async acquire(accountId: string, connectionId: string, limit: number): Promise<boolean> {
    return (await this.acquireCommand(key(accountId), connectionId, limit, this.ttlMs)) === 1;
  }

  async refresh(
    connections: readonly { accountId: string; connectionId: string }[],
  ): Promise<void> {
    const byAccount = new Map<string, string[]>();
    for (const { accountId, connectionId } of connections) {
      const ids = byAccount.get(accountId) ?? [];
      ids.push(connectionId);
      byAccount.set(accountId, ids);
    }
    await Promise.all(
      [...byAccount].map(([accountId, ids]) =>
        this.refreshCommand(key(accountId), this.ttlMs, ...ids),
      ),
    );
  }

  async release(accountId: string, connectionId: string): Promise<void> {
    await this.redis.zrem(key(accountId), connectionId);
  }
}

function key(accountId: string): string {
  return `rt:{${accountId}}:connections`;
}
