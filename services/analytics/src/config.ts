import { databaseEnv, defineServiceConfig, grpcServerEnv, httpEnv, kafkaEnv } from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("analytics", {
  ...httpEnv(9405),
  ...grpcServerEnv(50055),
  ...databaseEnv,
  ...kafkaEnv,
});

export type Config = ReturnType<typeof loadServiceConfig>;
