import { z } from "zod";

/** A TCP port; 0 lets the OS choose (tests). */
export const port = (defaultPort: number) =>
  z.coerce
    .number({ message: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(defaultPort);

export const booleanFlag = (defaultValue: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { message: "must be true or false" })
    .transform((value) => value === "true" || value === "1")
    .default(defaultValue);

export const durationMs = (defaultMs: number) =>
  z.coerce.number({ message: "must be milliseconds" }).int().positive().default(defaultMs);

export const commaList = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .refine((items) => items.length > 0, "must list at least one value");

export const urlWithProtocol = (...protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ""));
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(" or ")}`,
  );

/** A gRPC target such as `dns:///api-key:50051` (round_robin over every address) or `host:port`. */
export const serviceUrl = () =>
  z
    .string()
    .regex(/^(dns:\/\/\/)?[A-Za-z0-9.-]+:\d{1,5}$/, "must be a gRPC target like dns:///host:port");

/**
 * Marks a variable whose value must never be printed (`--check-config` shows "[secret]"). URLs
 * need no mark: they are always printed without their password.
 */
export function secret<Schema extends z.ZodType>(schema: Schema): Schema {
  return schema.meta({ secret: true });
}

/** Every service: how it runs, logs and stops. */
export const commonEnv = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** 127.0.0.1 locally; 0.0.0.0 in a pod. */
  BIND_HOST: z.string().min(1).default("0.0.0.0"),
  /** How long SIGTERM waits for in-flight work before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: durationMs(20_000),
};

/** The OpenTelemetry SDK's own variables, validated with the rest. */
export const telemetryEnv = {
  OTEL_SDK_DISABLED: booleanFlag(false),
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "console", "none"]).default("otlp"),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlWithProtocol("http", "https").default("http://127.0.0.1:4318"),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
};

/** The HTTP port: the public API (gateway), or /healthz, /readyz and /metrics of a gRPC service. */
export const httpEnv = (defaultPort: number) => ({ HTTP_PORT: port(defaultPort) });

export const grpcServerEnv = (defaultPort: number) => ({
  GRPC_PORT: port(defaultPort),
  /** Servers close connections older than this so clients re-resolve and spread over new pods. */
  GRPC_MAX_CONNECTION_AGE_MS: durationMs(300_000),
});

export const redisEnv = {
  REDIS_URL: urlWithProtocol("redis", "rediss"),
};

export const kafkaEnv = {
  KAFKA_BROKERS: commaList(),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
};

export const databaseEnv = {
  DATABASE_URL: urlWithProtocol("postgres", "postgresql"),
  /** Read replicas, for the services that route reads there. */
  DATABASE_REPLICA_URLS: commaList()
    .pipe(z.array(urlWithProtocol("postgres", "postgresql")))
    .optional(),
  /** Connections of the one pool a process opens to its database (and to each replica). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
};

/**
 * A backend service: its ops HTTP port (/healthz, /readyz, /metrics), its gRPC server, its own
 * Postgres database and Kafka.
 */
export const backendServiceEnv = (ports: { readonly http: number; readonly grpc: number }) => ({
  ...httpEnv(ports.http),
  ...grpcServerEnv(ports.grpc),
  ...databaseEnv,
  ...kafkaEnv,
});

type Output<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

export type CommonConfig = Output<typeof commonEnv>;
export type TelemetryConfig = Output<typeof telemetryEnv>;
export type HttpConfig = Output<ReturnType<typeof httpEnv>>;
export type GrpcServerConfig = Output<ReturnType<typeof grpcServerEnv>>;
export type RedisConfig = Output<typeof redisEnv>;
export type KafkaConfig = Output<typeof kafkaEnv>;
export type DatabaseConfig = Output<typeof databaseEnv>;
