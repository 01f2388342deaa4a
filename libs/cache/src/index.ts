export {
  type PopularEntry,
  PopularityCounter,
  type PopularityCounterOptions,
} from "./popularity-counter.js";
export {
  createRedisConnection,
  type RedisConnectionOptions,
  redisReadinessCheck,
  redisScript,
} from "./redis-connection.js";
export {
  type CacheLookup,
  type CacheStats,
  TwoLevelCache,
  type TwoLevelCacheOptions,
} from "./two-level-cache.js";
export {
  WarmingCoordinator,
  type WarmingCoordinatorOptions,
  type WarmRun,
} from "./warming-coordinator.js";
