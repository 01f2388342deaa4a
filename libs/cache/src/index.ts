export {
  createRedisConnection,
  type RedisConnectionOptions,
  redisReadinessCheck,
} from "./redis-connection.js";
