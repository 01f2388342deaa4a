import {
  create,
  type DescMessage,
  type DescMethod,
  type DescService,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import {
  metrics,
  context as otelContext,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { DomainError } from "@orrery/errors";
import { continueTrace, type Logger } from "@orrery/telemetry";
import { HealthImplementation, protoPath as healthProtoPath } from "grpc-health-check";
import { grpcServiceDefinition, methodPath } from "./service-definition.js";
import { toGrpcError } from "./status-mapping.js";
import { metadataGetter } from "./trace-context.js";

/** What a handler learns about its call besides the request. */
export interface CallContext {
  /** Aborted when the client cancels or the call's deadline passes. */
  readonly signal: AbortSignal;
  /** The client's deadline, if it set one. */
  readonly deadline: Date | undefined;
  /** A request header (gRPC metadata), lower-case name. */
  header(name: string): string | undefined;
  /** The caller's address, for logs. */
  readonly peer: string;
}

type UnaryHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  context: CallContext,
) => Promise<MessageInitShape<O>>;

/** A full implementation of a service: one async function per RPC. */
export type ServiceImplementation<S extends DescService> = {
  [K in keyof S["method"]]: S["method"][K] extends { input: infer I; output: infer O }
    ? I extends DescMessage
      ? O extends DescMessage
        ? UnaryHandler<I, O>
        : never
      : never
    : never;
};

export interface RpcServerOptions {
  readonly logger: Logger;
  readonly host: string;
  /** 0 lets the OS choose (tests); `start` resolves with the bound port. */
  readonly port: number;
  /** Connections older than this are closed (with a grace period) so clients spread over new pods. */
  readonly maxConnectionAgeMs: number;
  readonly maxConnectionAgeGraceMs?: number;
  /**
   * Turns a handler's failure into what the caller is told, before the status mapping (a
   * driver's "cannot connect" into DomainError DATABASE_UNAVAILABLE, say).
   */
  readonly mapError?: (error: unknown) => unknown;
}

export interface RpcServer {
  readonly name: "grpc";
  /**
   * Serve a service, implemented in full: health and reflection then name it, so nothing a
   * server names answers UNIMPLEMENTED. Marked SERVING in grpc.health.v1 once the server serves.
   */
  register<S extends DescService>(service: S, implementation: ServiceImplementation<S>): void;
  /** Binds and starts; resolves with the bound port. */
  start(): Promise<number>;
  /** Health of the whole server ("" in grpc.health.v1) and of each service follows this. */
  setServing(serving: boolean): void;
  /**
   * Graceful drain: health goes NOT_SERVING, no new calls are accepted, in-flight calls finish
   * (up to timeoutMs, then they are cancelled).
   */
  stop(timeoutMs: number): Promise<void>;
}

export function createRpcServer(options: RpcServerOptions): RpcServer {
  const server = new Server({
    "grpc.max_connection_age_ms": options.maxConnectionAgeMs,
    "grpc.max_connection_age_grace_ms": options.maxConnectionAgeGraceMs ?? 30_000,
    "grpc.keepalive_permit_without_calls": 1,
    "grpc.http2.min_ping_interval_without_data_ms": 10_000,
  });
  const health = new HealthImplementation({ "": "NOT_SERVING" });
  health.addToServer(server);
  const services: DescService[] = [];
  const duration = metrics.getMeter("@orrery/rpc").createHistogram("rpc_server_duration_seconds", {
    description: "Duration of gRPC calls handled, by service, method and status code",
    unit: "s",
    advice: {
      explicitBucketBoundaries: [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
      ],
    },
  });
  let serving = false;

  const setServing = (value: boolean) => {
    serving = value;
    const state = value ? "SERVING" : "NOT_SERVING";
    health.setStatus("", state);
    for (const service of services) health.setStatus(service.typeName, state);
  };

  return {
    name: "grpc",
    register(service, implementation) {
      const handlers: UntypedServiceImplementation = {};
      for (const method of service.methods) {
        const handler = (
          implementation as Partial<Record<string, UnaryHandler<DescMessage, DescMessage>>>
        )[method.localName];
        if (handler === undefined) {
          throw new Error(
            `${service.typeName} is not implemented in full: ${method.name} is missing`,
          );
        }
        handlers[method.localName] = wrapUnary(method, handler, options, duration);
      }
      server.addService(grpcServiceDefinition(service), handlers);
      services.push(service);
      health.setStatus(service.typeName, serving ? "SERVING" : "NOT_SERVING");
    },

    async start() {
      addReflection(server, services);
      const boundPort = await new Promise<number>((resolve, reject) => {
        server.bindAsync(
          `${options.host}:${options.port}`,
          ServerCredentials.createInsecure(),
          (error, bound) => (error ? reject(error) : resolve(bound)),
        );
      });
      setServing(true);
      return boundPort;
    },

    setServing,

    async stop(timeoutMs) {
      setServing(false);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          options.logger.warn("gRPC drain timed out: cancelling calls still in flight");
          server.forceShutdown();
          resolve();
        }, timeoutMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

function wrapUnary(
  method: DescMethod,
  handler: UnaryHandler<DescMessage, DescMessage>,
  { logger, mapError }: Pick<RpcServerOptions, "logger" | "mapError">,
  duration: ReturnType<ReturnType<typeof metrics.getMeter>["createHistogram"]>,
) {
  const path = methodPath(method);
  const tracer = trace.getTracer("@orrery/rpc");
  const attributes = {
    "rpc.system": "grpc",
    "rpc.service": method.parent.typeName,
    "rpc.method": method.name,
  };
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const started = performance.now();
    const { span, context: active } = continueTrace(tracer, path.slice(1), {
      kind: SpanKind.SERVER,
      attributes,
      carrier: call.metadata,
      getter: metadataGetter,
    });
    const deadlineValue = call.getDeadline();
    const deadline =
      deadlineValue === Number.POSITIVE_INFINITY
        ? undefined
        : deadlineValue instanceof Date
          ? deadlineValue
          : new Date(deadlineValue);
    // The abort signal (a timer for the deadline, a listener for cancellation) is made only
    // when a handler asks for it: most calls finish long before either matters, and the
    // bookkeeping is a measurable share of a fast call.
    let controller: AbortController | undefined;
    let deadlineTimer: NodeJS.Timeout | undefined;
    const signal = (): AbortSignal => {
      if (controller !== undefined) return controller.signal;
      const created = new AbortController();
      controller = created;
      if (deadline !== undefined) {
        deadlineTimer = setTimeout(
          () => created.abort(new DomainError("DEADLINE_EXCEEDED", "deadline exceeded")),
          Math.max(deadline.getTime() - Date.now(), 0),
        );
      }
      if (call.cancelled) created.abort(new DomainError("CANCELLED", "cancelled by the client"));
      else {
        call.once("cancelled", () =>
          created.abort(new DomainError("CANCELLED", "cancelled by the client")),
        );
      }
      return created.signal;
    };
    const callContext: CallContext = {
      get signal() {
        return signal();
      },
      deadline,
      get peer() {
        return call.getPeer();
      },
      header(name) {
        const value = call.metadata.get(name)[0];
        return value === undefined ? undefined : String(value);
      },
    };

    const finish = (code: status) => {
      clearTimeout(deadlineTimer);
      const seconds = (performance.now() - started) / 1000;
      duration.record(seconds, { ...attributes, "rpc.grpc.status_code": code });
      span.setAttribute("rpc.grpc.status_code", code);
      span.end();
      return seconds;
    };

    otelContext.with(active, () => {
      handler(call.request as MessageShape<DescMessage>, callContext).then(
        (response) => {
          finish(status.OK);
          callback(null, create(method.output, response as MessageInitShape<DescMessage>));
        },
        (failure: unknown) => {
          const error = mapError === undefined ? failure : mapError(failure);
          const mapped = toGrpcError(error);
          const seconds = finish(mapped.code);
          if (mapped.code === status.INTERNAL) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            logger.error({ err: error, rpc: path, durationMs: seconds * 1000 }, "rpc failed");
          } else {
            logger.debug({ rpc: path, code: (error as DomainError).code }, "rpc rejected");
          }
          callback({ code: mapped.code, details: mapped.details, metadata: mapped.metadata });
        },
      );
    });
  };
}

/**
 * grpc.reflection.v1 for grpcurl and friends: the descriptors come from the generated code
 * (our services) and from grpc-health-check's proto (health), so reflection can never disagree
 * with what is served. It lists the registered services only, not every service of the files
 * they import (rate_limit.proto imports account.proto, which rate-limit does not serve).
 */
function addReflection(server: Server, services: readonly DescService[]): void {
  const files = new Map<string, Uint8Array>();
  const visit = (file: DescService["file"]) => {
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, toBinary(FileDescriptorProtoSchema, file.proto));
    for (const dependency of file.dependencies) visit(dependency);
  };
  for (const service of services) visit(service.file);
  const healthDefinition = loadSync(healthProtoPath);
  const packageDefinition = {
    ...healthDefinition,
    "orrery.descriptors": {
      format: "Protocol Buffer 3 DescriptorProto",
      type: {},
      fileDescriptorProtos: [...files.values()].map((bytes) => Buffer.from(bytes)),
    },
  };
  new ReflectionService(packageDefinition as never, {
    services: ["grpc.health.v1.Health", ...services.map((service) => service.typeName)],
  }).addToServer(server);
}
