import {
  commonEnv,
  databaseEnv,
  grpcServerEnv,
  kafkaEnv,
  loadConfig,
  port,
  telemetryEnv,
  z,
} from "@orrery/config";

const schema = z.object({
  ...commonEnv,
  ...telemetryEnv,
  ...grpcServerEnv,
  ...databaseEnv,
  ...kafkaEnv,
  HTTP_PORT: port(9401),
  GRPC_PORT: port(50051),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("api-key", schema, environment);
}
