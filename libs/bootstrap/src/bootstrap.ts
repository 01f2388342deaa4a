import { readFileSync } from "node:fs";
import { createServer, type RequestListener, Server } from "node:http";
import { createRedisConnection, redisReadinessCheck } from "@orrery/cache";
import type {
  CommonConfig,
  DatabaseConfig,
  GrpcServerConfig,
  HttpConfig,
  KafkaConfig,
  TelemetryConfig,
} from "@orrery/config";
import {
  createPostgresPools,
  createPrismaClient,
  isDatabaseUnavailable,
  type PostgresPools,
  type PrismaClientClass,
  postgresReadinessCheck,
} from "@orrery/db";
import { DomainError, isDomainError } from "@orrery/errors";
import {
  type AnyOrreryEvent,
  BroadcastConsumer,
  type BroadcastConsumerOptions,
  type CommonConsumerOptions,
  createKafka,
  EventConsumer,
  type EventConsumerMode,
  type EventConsumerOptions,
  EventPublisher,
  isTransientFailure,
  kafkaDependency,
  OutboxRelay,
} from "@orrery/events";
import {
  httpServable,
  Lifecycle,
  type Readiness,
  type Servable,
  startOpsServer,
} from "@orrery/lifecycle";
import { defaultPolicyPath, PolicyStore } from "@orrery/policy";
import { createRpcServer, type RpcServer } from "@orrery/rpc";
import { createLogger, type Logger, startTelemetry, type Telemetry } from "@orrery/telemetry";
import type { Redis } from "ioredis";
import type { Kafka } from "kafkajs";

export interface ServiceBootstrapOptions {
  /** The service's name: in logs, metrics, traces, pg_stat_activity and Kafka client ids. */
  readonly service: string;
  /** `import.meta.url` of the service's main module: the version is read from its package.json. */
  readonly mainModuleUrl: string;
  readonly config: CommonConfig & TelemetryConfig & HttpConfig;
}

export interface RedisOptions {
  /** Shown in CLIENT LIST. */
  readonly connectionName: string;
  /** Probe this server for /readyz; leave out for a second connection to a server probed already. */
  readonly readiness?: Readiness;
  /** The name in /readyz ("redis" unless given). */
  readonly dependency?: string;
  readonly commandTimeoutMs?: number;
  readonly autoPipelining?: boolean;
}

/**
 * A consumer's options without the logger (the service's): one handler per event, or a batch
 * handler for many events at once (see EventConsumerOptions).
 */
export type ConsumerOptions<E = AnyOrreryEvent> = Omit<CommonConsumerOptions, "logger"> &
  EventConsumerMode<E>;

/**
 * The one way a service is put together: a service declares the clients and servers it needs,
 * and each comes with the rest of its life already arranged — error handlers so a dependency's
 * outage cannot crash the process, a dependency check for /readyz (essential, or only reported),
 * and its place in the ordered shutdown (servers drain first, then what requests used, then the
 * connections those used, telemetry last). `start()` serves.
 */
export class ServiceBootstrap {
  readonly service: string;
  readonly version: string;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  private readonly telemetry: Telemetry;
  private readonly config: ServiceBootstrapOptions["config"];
  private readonly servers: Servable[] = [];
  private readonly background: (() => void)[] = [];
  /** A service with a public HTTP server serves /healthz, /readyz and /metrics on it itself. */
  private servesOwnOps = false;

  constructor(options: ServiceBootstrapOptions) {
    const { config } = options;
    this.service = options.service;
    this.config = config;
    this.version = readPackageVersion(options.mainModuleUrl);
    this.telemetry = startTelemetry({
      serviceName: options.service,
      serviceVersion: this.version,
      disabled: config.OTEL_SDK_DISABLED,
      tracesExporter: config.OTEL_TRACES_EXPORTER,
      otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
      samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    });
    this.logger = createLogger({ service: options.service, level: config.LOG_LEVEL });
    this.lifecycle = new Lifecycle({
      logger: this.logger,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    });
    // Registered first, so it runs last: spans from the drain are still exported.
    this.lifecycle.onShutdown("telemetry", () => this.telemetry.shutdown());
    process.on("unhandledRejection", (reason) =>
      this.logger.error({ err: reason }, "unhandled promise rejection"),
    );
  }

  /** Serves the Prometheus text exposition of this process's metrics. */
  get metricsHandler(): Telemetry["metricsHandler"] {
    return this.telemetry.metricsHandler;
  }

  /** The process's one pool to its database (and one per replica), sized by DATABASE_POOL_SIZE. */
  postgres(
    config: DatabaseConfig,
    options: { readonly readiness: Readiness; readonly replicas?: boolean },
  ): PostgresPools {
    const pools = createPostgresPools({
      url: config.DATABASE_URL,
      replicaUrls: options.replicas === true ? (config.DATABASE_REPLICA_URLS ?? []) : [],
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: this.service,
      onConnectionError: this.throttledWarning("a Postgres connection failed"),
    });
    this.lifecycle.addDependency(
      "postgres",
      postgresReadinessCheck(pools.primary),
      options.readiness,
    );
    this.lifecycle.onShutdown("postgres", () => pools.end());
    return pools;
  }

  /** A generated Prisma client on the service's pools. */
  prisma<Client extends { $extends: (extension: never) => unknown; $disconnect(): Promise<void> }>(
    PrismaClient: PrismaClientClass<Client>,
    pools: PostgresPools,
  ): Client {
    const client = createPrismaClient(PrismaClient, pools);
    this.lifecycle.onShutdown("prisma", () => client.$disconnect());
    return client;
  }

  redis(url: string, options: RedisOptions): Redis {
    const redis = createRedisConnection(url, {
      connectionName: options.connectionName,
      ...(options.commandTimeoutMs === undefined
        ? {}
        : { commandTimeoutMs: options.commandTimeoutMs }),
      ...(options.autoPipelining === undefined ? {} : { autoPipelining: options.autoPipelining }),
    });
    if (options.readiness !== undefined) {
      this.lifecycle.addDependency(
        options.dependency ?? "redis",
        redisReadinessCheck(redis),
        options.readiness,
      );
    }
    this.lifecycle.onShutdown(`redis ${options.connectionName}`, async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    return redis;
  }

  kafka(config: KafkaConfig, options: { readonly readiness: Readiness }): Kafka {
    const kafka = createKafka({
      brokers: config.KAFKA_BROKERS,
      clientId: config.KAFKA_CLIENT_ID ?? this.service,
      logger: this.logger,
    });
    const dependency = kafkaDependency(kafka);
    this.lifecycle.addDependency("kafka", dependency.check, options.readiness);
    this.lifecycle.onShutdown("kafka", dependency.close);
    return kafka;
  }

  /** An idempotent producer whose events carry the source `/orrery/<service>`. */
  publisher(kafka: Kafka): EventPublisher {
    const publisher = new EventPublisher({
      kafka,
      source: `/orrery/${this.service}`,
      logger: this.logger,
    });
    this.lifecycle.onShutdown("kafka-producer", () => publisher.disconnect());
    return publisher;
  }

  /** Publishes what the service's transactions wrote to the outbox, from now until shutdown. */
  outboxRelay(pools: PostgresPools, publisher: EventPublisher): OutboxRelay {
    const relay = new OutboxRelay({ pool: pools.primary, publisher, logger: this.logger });
    relay.start();
    this.lifecycle.onShutdown("outbox-relay", () => relay.stop());
    return relay;
  }

  /**
   * A consumer group member (one event at a time, or whole fetched batches with
   * `batchHandler`), started once the servers serve (and retried while Kafka cannot be
   * reached, so the service serves meanwhile). Its state is reported in /readyz. An event whose
   * handler failed because the database was away is retried until it is back, never
   * dead-lettered.
   */
  consumer<E = AnyOrreryEvent>(options: ConsumerOptions<E>): EventConsumer<E> {
    const consumer = new EventConsumer<E>({
      isTransient: (error) => isTransientFailure(error) || isDatabaseUnavailable(error),
      ...options,
      logger: this.logger,
    } as EventConsumerOptions<E>);
    this.lifecycle.addDependency(
      `consumer ${options.groupId}`,
      async () => {
        if (!consumer.healthy) throw new Error("not consuming");
      },
      "reported",
    );
    this.lifecycle.onShutdown(`consumer ${options.groupId}`, () => consumer.stop());
    this.background.push(() => void consumer.startWhenReachable());
    return consumer;
  }

  /** Every event of the topics, in this process as in every other replica (see BroadcastConsumer). */
  broadcastConsumer(options: Omit<BroadcastConsumerOptions, "logger">): BroadcastConsumer {
    const consumer = new BroadcastConsumer({ ...options, logger: this.logger });
    this.lifecycle.onShutdown(`broadcast ${options.groupPrefix}`, () => consumer.stop());
    this.background.push(() => consumer.start());
    return consumer;
  }

  /**
   * The gRPC server (health, reflection, drain); register only services implemented in full. A
   * call that failed because the database was away answers UNAVAILABLE (DATABASE_UNAVAILABLE),
   * which a caller may retry, not INTERNAL.
   */
  grpcServer(config: GrpcServerConfig): RpcServer {
    const server = createRpcServer({
      logger: this.logger,
      host: this.config.BIND_HOST,
      port: config.GRPC_PORT,
      maxConnectionAgeMs: config.GRPC_MAX_CONNECTION_AGE_MS,
      mapError: (error) =>
        !isDomainError(error) && isDatabaseUnavailable(error)
          ? new DomainError("DATABASE_UNAVAILABLE", "The database cannot be reached right now.", {
              metadata: { retryAfterSeconds: "2" },
              cause: error,
            })
          : error,
    });
    this.servers.push(server);
    return server;
  }

  /**
   * The public HTTP server on HTTP_PORT. Its handler serves /healthz, /readyz and /metrics
   * itself (from `lifecycle` and `metricsHandler`); services without one get an ops server there.
   * Given a server instead of a listener, serves that one (built with its own options, such as
   * the gateway's header limits). `beforeClose` runs at shutdown once the server stopped
   * accepting, to end connections that outlive requests (WebSockets, event streams).
   */
  httpServer(
    handler: RequestListener | Server,
    options: { readonly beforeClose?: (timeoutMs: number) => Promise<void> } = {},
  ): Server {
    const server = handler instanceof Server ? handler : createServer(handler);
    server.keepAliveTimeout = 65_000;
    this.servesOwnOps = true;
    this.servers.push(
      httpServable(
        "http",
        server,
        this.config.BIND_HOST,
        this.config.HTTP_PORT,
        options.beforeClose,
      ),
    );
    return server;
  }

  /** The tier policy: loaded now (a bad file stops the start), reloaded on change and SIGHUP. */
  policies(path: string | undefined): PolicyStore {
    const policies = new PolicyStore({
      path: path ?? defaultPolicyPath,
      onReload: (result) => {
        if ("error" in result) {
          this.logger.error(
            { err: result.error, keptVersion: result.version },
            "policy reload refused",
          );
        } else if (result.changed) {
          this.logger.info({ version: result.version }, "policy reloaded");
        }
      },
    });
    policies.watch();
    process.on("SIGHUP", () => policies.reload());
    this.lifecycle.onShutdown("policy-watch", async () => policies.close());
    return policies;
  }

  /**
   * Runs `task` every `intervalMs` (never two at once; a failure is logged and the next run
   * comes as planned). At shutdown the timer stops, then `atShutdown` runs (a last flush).
   */
  every(
    name: string,
    intervalMs: number,
    task: () => Promise<unknown>,
    options: { readonly atShutdown?: () => Promise<unknown> } = {},
  ): void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = () => {
      timer = setTimeout(() => {
        task()
          .catch((error: unknown) => this.logger.warn({ err: error, task: name }, "task failed"))
          .finally(() => {
            if (!stopped) schedule();
          });
      }, intervalMs);
      timer.unref();
    };
    schedule();
    this.lifecycle.onShutdown(name, async () => {
      stopped = true;
      clearTimeout(timer);
      await options.atShutdown?.();
    });
  }

  /** Runs at shutdown, before everything declared earlier is closed. */
  onShutdown(name: string, hook: () => Promise<unknown>): void {
    this.lifecycle.onShutdown(name, hook);
  }

  /**
   * Starts the servers (and the ops server, unless the service serves its own HTTP), installs
   * SIGTERM handling, probes dependencies, then starts the consumers.
   */
  async start(): Promise<void> {
    const ports: Record<string, number> = {};
    if (!this.servesOwnOps) {
      const ops = await startOpsServer({
        host: this.config.BIND_HOST,
        port: this.config.HTTP_PORT,
        lifecycle: this.lifecycle,
        metricsHandler: this.telemetry.metricsHandler,
      });
      ports.ops = ops.port;
      // Registered before the servers, so it closes after they drained: meanwhile /readyz
      // answers 503 "shutting down" and /metrics still shows the drain.
      this.lifecycle.onShutdown("ops-http", () => ops.close());
    }
    const drainMs = Math.floor(this.config.SHUTDOWN_TIMEOUT_MS * 0.75);
    for (const server of this.servers) {
      ports[server.name] = await server.start();
      if (server.setServing !== undefined) this.lifecycle.onReadinessChange(server.setServing);
      this.lifecycle.onShutdown(server.name, () => server.stop(drainMs));
    }
    this.lifecycle.installSignalHandlers();
    await this.lifecycle.startProbing();
    const report = this.lifecycle.report();
    this.logger.info(
      { version: this.version, ports, ready: report.ready, checks: report.checks },
      `${this.service} started`,
    );
    for (const start of this.background) start();
  }

  private throttledWarning(message: string): (error: Error) => void {
    let last = 0;
    return (error) => {
      const now = Date.now();
      if (now - last < 10_000) return;
      last = now;
      this.logger.warn({ err: error }, message);
    };
  }
}

export function bootstrapService(options: ServiceBootstrapOptions): ServiceBootstrap {
  return new ServiceBootstrap(options);
}

function readPackageVersion(mainModuleUrl: string): string {
  // dist/main.js → ../package.json, the same in the repo and in the container image.
  const packageJson = JSON.parse(
    readFileSync(new URL("../package.json", mainModuleUrl), "utf8"),
  ) as { version?: string };
  return packageJson.version ?? "0.0.0";
}
