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
  HTTP_PORT: port(9405),
  GRPC_PORT: port(50055),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("analytics", schema, environment);
}
