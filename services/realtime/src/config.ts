import { defineServiceConfig, httpEnv, kafkaEnv, redisEnv } from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("realtime", {
  ...httpEnv(8090),
  ...kafkaEnv,
  ...redisEnv,
});

export type Config = ReturnType<typeof loadServiceConfig>;
