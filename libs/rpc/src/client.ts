import {
  create,
  type DescMessage,
  type DescMethod,
  type DescService,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from "@bufbuild/protobuf";
import {
  Client,
  credentials,
  type CallOptions as GrpcCallOptions,
  Metadata,
  type ServiceError,
} from "@grpc/grpc-js";
import {
  metrics,
  context as otelContext,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { methodPath } from "./service-definition.js";
import { fromGrpcError, UpstreamError } from "./status-mapping.js";
import { metadataSetter } from "./trace-context.js";

export interface CallOptions {
  /** Overrides the client's default deadline for this call. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Extra request metadata (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
}

type UnaryCall<I extends DescMessage, O extends DescMessage> = (
  request: MessageInitShape<I>,
  options?: CallOptions,
) => Promise<MessageShape<O>>;

export type ServiceClient<S extends DescService> = {
  [K in keyof S["method"]]: S["method"][K] extends { input: infer I; output: infer O }
    ? I extends DescMessage
      ? O extends DescMessage
        ? UnaryCall<I, O>
        : never
      : never
    : never;
} & { close(): void };

export interface RpcClientOptions {
  /** `dns:///host:port` resolves every address and balances round-robin across them. */
  readonly target: string;
  /** Every call carries a deadline; this one unless the call sets its own. */
  readonly defaultTimeoutMs: number;
  /**
   * Retry calls that fail with UNAVAILABLE (the request never reached a server). Only for
   * services whose methods are safe to repeat.
   */
  readonly retryUnavailable?: boolean;
}

/** A typed client for one service; method names are the descriptor's local names (camelCase). */
export function createRpcClient<S extends DescService>(
  service: S,
  options: RpcClientOptions,
): ServiceClient<S> {
  const serviceConfig = {
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig: options.retryUnavailable
      ? [
          {
            name: [{ service: service.typeName }],
            retryPolicy: {
              maxAttempts: 3,
              initialBackoff: "0.05s",
              maxBackoff: "0.5s",
              backoffMultiplier: 2,
              retryableStatusCodes: ["UNAVAILABLE"],
            },
          },
        ]
      : [],
  };
  const client = new Client(options.target, credentials.createInsecure(), {
    "grpc.service_config": JSON.stringify(serviceConfig),
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    // Re-resolve DNS promptly when pods come and go.
    "grpc.dns_min_time_between_resolutions_ms": 5_000,
    "grpc.initial_reconnect_backoff_ms": 200,
    "grpc.max_reconnect_backoff_ms": 5_000,
  });
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const method of service.methods) {
    methods[method.localName] = makeUnaryCall(client, method, options.defaultTimeoutMs);
  }
  return methods as ServiceClient<S>;
}

function makeUnaryCall(client: Client, method: DescMethod, defaultTimeoutMs: number) {
  const path = methodPath(method);
  const tracer = trace.getTracer("@orrery/rpc");
  const duration = metrics.getMeter("@orrery/rpc").createHistogram("rpc_client_duration_seconds", {
    description: "Duration of outgoing gRPC calls, by service, method and status code",
    unit: "s",
    advice: {
      explicitBucketBoundaries: [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
      ],
    },
  });
  const attributes = {
    "rpc.system": "grpc",
    "rpc.service": method.parent.typeName,
    "rpc.method": method.name,
  };
  const serialize = (value: unknown) => Buffer.from(toBinary(method.input, value as never));
  const deserialize = (bytes: Buffer) => fromBinary(method.output, bytes);

  return (request: MessageInitShape<DescMessage>, options: CallOptions = {}) => {
    const span = tracer.startSpan(path.slice(1), { kind: SpanKind.CLIENT, attributes });
    const spanContext = trace.setSpan(otelContext.active(), span);
    const metadata = new Metadata();
    for (const [name, value] of Object.entries(options.headers ?? {})) metadata.set(name, value);
    propagation.inject(spanContext, metadata, metadataSetter);
    const callOptions: GrpcCallOptions = {
      deadline: Date.now() + (options.timeoutMs ?? defaultTimeoutMs),
    };
    const started = performance.now();
    const message = create(method.input, request);

    return new Promise<MessageShape<DescMessage>>((resolve, reject) => {
      if (options.signal?.aborted) {
        span.end();
        reject(new UpstreamError("CANCELLED", `${path} cancelled before it was sent`));
        return;
      }
      const call = otelContext.with(spanContext, () =>
        client.makeUnaryRequest(
          path,
          serialize,
          deserialize,
          message,
          metadata,
          callOptions,
          (error: ServiceError | null, response?: MessageShape<DescMessage>) => {
            options.signal?.removeEventListener("abort", onAbort);
            const code = error?.code ?? 0;
            duration.record((performance.now() - started) / 1000, {
              ...attributes,
              "rpc.grpc.status_code": code,
            });
            span.setAttribute("rpc.grpc.status_code", code);
            if (error) {
              span.setStatus({ code: SpanStatusCode.ERROR, message: error.details });
              span.end();
              reject(fromGrpcError(error, path));
              return;
            }
            span.end();
            resolve(response as MessageShape<DescMessage>);
          },
        ),
      );
      const onAbort = () => call.cancel();
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
}
