import {
  commonEnv,
  databaseEnv,
  grpcServerEnv,
  kafkaEnv,
  loadConfig,
  port,
  redisEnv,
  telemetryEnv,
  z,
} from "@orrery/config";

const schema = z.object({
  ...commonEnv,
  ...telemetryEnv,
  ...grpcServerEnv,
  ...databaseEnv,
  ...kafkaEnv,
  ...redisEnv,
  HTTP_PORT: port(9404),
  GRPC_PORT: port(50054),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("batch-worker", schema, environment);
}
