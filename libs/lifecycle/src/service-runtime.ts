import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createLogger,
  type Logger,
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
} from "@orrery/telemetry";
import { Lifecycle } from "./lifecycle.js";
import { startOpsServer } from "./ops-server.js";

/** The variables of `commonEnv` and `telemetryEnv` (libs/config) every service validates. */
export interface RuntimeConfig {
  readonly LOG_LEVEL: string;
  readonly SHUTDOWN_TIMEOUT_MS: number;
  readonly OTEL_SDK_DISABLED: boolean;
  readonly OTEL_TRACES_EXPORTER: TelemetryOptions["tracesExporter"];
  readonly OTEL_EXPORTER_OTLP_ENDPOINT: string;
  readonly OTEL_TRACES_SAMPLER_ARG: number;
}

export interface ServiceRuntimeOptions {
  readonly service: string;
  /** `import.meta.url` of the service's main module: the version is read from its package.json. */
  readonly mainModuleUrl: string;
  readonly config: RuntimeConfig;
}

/** A server the runtime starts, and drains on SIGTERM. */
export interface Servable {
  readonly name: string;
  start(): Promise<number>;
  stop(timeoutMs: number): Promise<void>;
  /** Servers with their own health protocol (gRPC health) follow the service's readiness. */
  setServing?(serving: boolean): void;
}

export interface ServiceRuntime {
  readonly service: string;
  readonly version: string;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly lifecycle: Lifecycle;
  /**
   * Starts the servers (and, when `opsPort` is given, the /healthz, /readyz, /metrics server),
   * begins probing dependencies and installs SIGTERM handling. Servers are drained before the
   * clients registered earlier with `lifecycle.onShutdown` are closed.
   */
  serve(options: {
    servers: readonly Servable[];
    ops?: { host: string; port: number };
  }): Promise<void>;
  metricsHandler(request: IncomingMessage, response: ServerResponse): void;
}

export function createServiceRuntime(options: ServiceRuntimeOptions): ServiceRuntime {
  const { config } = options;
  const version = readPackageVersion(options.mainModuleUrl);
  const telemetry = startTelemetry({
    serviceName: options.service,
    serviceVersion: version,
    disabled: config.OTEL_SDK_DISABLED,
    tracesExporter: config.OTEL_TRACES_EXPORTER,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
  });
  const logger = createLogger({ service: options.service, level: config.LOG_LEVEL });
  const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  // Registered first, so it runs last: spans from the drain are still exported.
  lifecycle.onShutdown("telemetry", () => telemetry.shutdown());
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled promise rejection"),
  );

  return {
    service: options.service,
    version,
    logger,
    telemetry,
    lifecycle,
    metricsHandler: telemetry.metricsHandler,
    async serve({ servers, ops }) {
      const ports: Record<string, number> = {};
      if (ops !== undefined) {
        const opsServer = await startOpsServer({
          ...ops,
          lifecycle,
          metricsHandler: telemetry.metricsHandler,
        });
        ports.ops = opsServer.port;
        // Registered before the servers, so it closes after they drained: meanwhile /readyz
        // answers 503 "shutting down" and /metrics still shows the drain.
        lifecycle.onShutdown("ops-http", () => opsServer.close());
      }
      for (const server of servers) {
        ports[server.name] = await server.start();
        if (server.setServing !== undefined) lifecycle.onReadinessChange(server.setServing);
        lifecycle.onShutdown(server.name, () =>
          server.stop(Math.floor(config.SHUTDOWN_TIMEOUT_MS * 0.75)),
        );
      }
      lifecycle.installSignalHandlers();
      await lifecycle.startProbing();
      const report = lifecycle.report();
      logger.info(
        { version, ports, ready: report.ready, checks: report.checks },
        `${options.service} started`,
      );
    },
  };
}

function readPackageVersion(mainModuleUrl: string): string {
  // dist/main.js → ../package.json, the same in the repo and in the container image.
  const packageJson = JSON.parse(
    readFileSync(new URL("../package.json", mainModuleUrl), "utf8"),
  ) as {
    version?: string;
  };
  return packageJson.version ?? "0.0.0";
}
