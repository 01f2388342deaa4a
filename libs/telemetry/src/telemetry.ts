import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type Meter, metrics, type Tracer, trace } from "@opentelemetry/api";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly serviceVersion: string;
  /** OTEL_SDK_DISABLED: no tracer provider at all (trace context is not propagated either). */
  readonly disabled: boolean;
  /** OTEL_TRACES_EXPORTER; "none" still creates spans so trace ids flow through logs and calls. */
  readonly tracesExporter: "otlp" | "console" | "none";
  readonly otlpEndpoint: string;
  readonly samplerRatio: number;
}

export interface Telemetry {
  readonly tracer: Tracer;
  readonly meter: Meter;
  /** Serves the Prometheus text exposition of every metric this process records. */
  readonly metricsHandler: (request: IncomingMessage, response: ServerResponse) => void;
  shutdown(): Promise<void>;
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: options.serviceName,
    [ATTR_SERVICE_VERSION]: options.serviceVersion,
  });

  let tracerProvider: NodeTracerProvider | undefined;
  if (!options.disabled) {
    tracerProvider = new NodeTracerProvider({
      resource,
      // Without an exporter nothing would read a recorded span: spans stay non-recording (no
      // attribute or event bookkeeping on hot paths) while ids still flow into logs and calls.
      sampler:
        options.tracesExporter === "none"
          ? new AlwaysOffSampler()
          : new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.samplerRatio) }),
      spanProcessors: spanProcessorsFor(options),
    });
    // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
    tracerProvider.register();
  }

  const prometheus = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const meterProvider = new MeterProvider({ resource, readers: [prometheus] });
  metrics.setGlobalMeterProvider(meterProvider);
  const meter = meterProvider.getMeter(options.serviceName, options.serviceVersion);
  const stopRuntimeMetrics = recordRuntimeMetrics(meter);

  return {
    tracer: trace.getTracer(options.serviceName, options.serviceVersion),
    meter,
    metricsHandler: (request, response) => prometheus.getMetricsRequestHandler(request, response),
    async shutdown() {
      stopRuntimeMetrics();
      await Promise.allSettled([tracerProvider?.shutdown(), meterProvider.shutdown()]);
    },
  };
}

function spanProcessorsFor(options: TelemetryOptions): SpanProcessor[] {
  switch (options.tracesExporter) {
    case "otlp":
      return [
        new BatchSpanProcessor(
          new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, "")}/v1/traces` }),
        ),
      ];
    case "console":
      return [new BatchSpanProcessor(new ConsoleSpanExporter())];
    case "none":
      return [];
  }
}

/** Process-level gauges every service exposes (memory, CPU, event-loop delay). */
function recordRuntimeMetrics(meter: Meter): () => void {
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  meter
    .createObservableGauge("process_resident_memory_bytes", {
      description: "Resident set size",
      unit: "By",
    })
    .addCallback((result) => result.observe(process.memoryUsage.rss()));
  meter
    .createObservableGauge("nodejs_heap_used_bytes", { description: "V8 heap in use", unit: "By" })
    .addCallback((result) => result.observe(process.memoryUsage().heapUsed));
  meter
    .createObservableGauge("nodejs_external_memory_bytes", {
      description: "Memory outside the V8 heap held by JavaScript objects (Buffers, ArrayBuffers)",
      unit: "By",
    })
    .addCallback((result) => result.observe(process.memoryUsage().external));
  meter
    .createObservableCounter("process_cpu_seconds_total", {
      description: "User and system CPU time",
      unit: "s",
    })
    .addCallback((result) => {
      const usage = process.cpuUsage();
      result.observe((usage.user + usage.system) / 1e6);
    });
  meter
    .createObservableGauge("nodejs_eventloop_delay_p99_seconds", {
      description: "99th percentile event-loop delay since the last scrape",
      unit: "s",
    })
    .addCallback((result) => {
      result.observe(loopDelay.percentile(99) / 1e9);
      loopDelay.reset();
    });
  return () => loopDelay.disable();
}
