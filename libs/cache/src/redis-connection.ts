import { Redis, type RedisOptions } from "ioredis";

export interface RedisConnectionOptions {
  /** Per-command timeout: a stalled Redis fails the command instead of hanging a request. */
  readonly commandTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Shown in CLIENT LIST. */
  readonly connectionName: string;
  /**
   * Send the commands issued in one event-loop tick as one write (ioredis auto-pipelining):
   * far more cheap commands per second from one connection. Measure it for scripts that do
   * real work in Redis: the gateway's decisions were faster without it (alone and 64 at a
   * time), the rate-limit service's slightly faster with it.
   */
  readonly autoPipelining?: boolean;
}

/**
 * An ioredis connection that reconnects forever with capped backoff, fails commands fast while
 * disconnected (no unbounded offline queue) and never crashes the process on connection errors:
 * readiness probes report them.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const redisOptions: RedisOptions = {
    connectionName: options.connectionName,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
    enableAutoPipelining: options.autoPipelining ?? false,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
  };
  const redis = new Redis(url, redisOptions);
  redis.on("error", () => undefined);
  return redis;
}

export function redisReadinessCheck(redis: Redis): () => Promise<void> {
  return async () => {
    await redis.ping();
  };
}

/**
 * A Lua script as a command of this connection, bound to it. ioredis sends EVALSHA and loads the
 * script with EVAL the first time Redis answers NOSCRIPT (a restart or failover flushes the
 * script cache), so a call is one round trip. Without `numberOfKeys` the first argument says
 * how many keys follow.
 */
export function redisScript<Command extends (...args: never[]) => Promise<unknown>>(
  redis: Redis,
  name: string,
  script: { readonly lua: string; readonly numberOfKeys?: number },
): Command {
  redis.defineCommand(name, script);
  const command = (redis as unknown as Record<string, Command>)[name];
  if (command === undefined) throw new Error(`ioredis did not define the command ${name}`);
  return command.bind(redis) as Command;
}
