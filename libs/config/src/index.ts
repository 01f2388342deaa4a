export { z } from "zod";
export { ConfigError, type ConfigIssue, loadConfig, parseConfig } from "./load-config.js";
export {
  booleanFlag,
  commaList,
  commonEnv,
  databaseEnv,
  durationMs,
  grpcServerEnv,
  kafkaEnv,
  port,
  redisEnv,
  serviceUrl,
  telemetryEnv,
  urlWithProtocol,
} from "./variables.js";
