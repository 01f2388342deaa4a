import {
  databaseEnv,
  defineServiceConfig,
  grpcServerEnv,
  httpEnv,
  kafkaEnv,
  redisEnv,
} from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("batch-worker", {
  ...httpEnv(9404),
  ...grpcServerEnv(50054),
  ...databaseEnv,
  ...kafkaEnv,
  ...redisEnv,
});

export type Config = ReturnType<typeof loadServiceConfig>;
