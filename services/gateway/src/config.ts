import {
  commonEnv,
  kafkaEnv,
  loadConfig,
  port,
  redisEnv,
  serviceUrl,
  telemetryEnv,
  urlWithProtocol,
  z,
} from "@orrery/config";

const schema = z.object({
  ...commonEnv,
  ...telemetryEnv,
  ...kafkaEnv,
  ...redisEnv,
  HTTP_PORT: port(8080),
  APIKEY_SERVICE_URL: serviceUrl(),
  RATELIMIT_SERVICE_URL: serviceUrl(),
  WEBHOOK_SERVICE_URL: serviceUrl(),
  BATCH_SERVICE_URL: serviceUrl(),
  ANALYTICS_SERVICE_URL: serviceUrl(),
  REALTIME_URL: urlWithProtocol("http", "https"),
  /** Deadline of a call to a downstream service. */
  DOWNSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
});

export type Config = z.output<typeof schema>;

export function loadServiceConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig("gateway", schema, environment);
}
