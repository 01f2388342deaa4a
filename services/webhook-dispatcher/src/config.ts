import { databaseEnv, defineServiceConfig, grpcServerEnv, httpEnv, kafkaEnv } from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("webhook-dispatcher", {
  ...httpEnv(9403),
  ...grpcServerEnv(50053),
  ...databaseEnv,
  ...kafkaEnv,
});

export type Config = ReturnType<typeof loadServiceConfig>;
