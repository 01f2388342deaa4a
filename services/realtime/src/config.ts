import { commonEnv, kafkaEnv, loadConfig, port, redisEnv, telemetryEnv, z } from "@orrery/config";

const schema = z.object({
  ...commonEnv,
  ...telemetryEnv,
  ...kafkaEnv,
  ...redisEnv,
  HTTP_PORT: port(8090),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("realtime", schema, environment);
}
