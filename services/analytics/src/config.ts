import {
  databaseEnv,
  defineServiceConfig,
  grpcServerEnv,
  httpEnv,
  kafkaEnv,
  z,
} from "@orrery/config";

export const loadServiceConfig = defineServiceConfig("analytics", {
  ...httpEnv(9405),
  ...grpcServerEnv(50055),
  ...databaseEnv,
  ...kafkaEnv,
  /** The consumer group counting usage events; every replica of one deployment shares it. */
  USAGE_CONSUMER_GROUP: z.string().min(1).default("analytics-key-usage"),
});

export type Config = ReturnType<typeof loadServiceConfig>;
