import { propagation, SpanKind, type TextMapGetter, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { continueTrace } from "./trace-ids.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN_ID = "00f067aa0ba902b7";
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

describe("continueTrace", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");

  beforeAll(() => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(async () => {
    propagation.disable();
    await provider.shutdown();
  });

  it("continues the caller's trace from a header record, as a child of the caller's span", () => {
    const { span, context: active } = continueTrace(tracer, "GET /v1/charts", {
      kind: SpanKind.SERVER,
      carrier: { traceparent: TRACEPARENT },
    });
    span.end();
    const [finished] = exporter.getFinishedSpans().slice(-1);
    expect(finished?.spanContext().traceId).toBe(TRACE_ID);
    expect(finished?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(finished?.kind).toBe(SpanKind.SERVER);
    expect(trace.getSpan(active)).toBe(span);
  });

  it("reads the carrier through the given getter (gRPC metadata, Kafka headers)", () => {
    const metadata = new Map([["traceparent", [TRACEPARENT]]]);
    const getter: TextMapGetter<typeof metadata> = {
      get: (carrier, key) => carrier.get(key),
      keys: (carrier) => [...carrier.keys()],
    };
    const { span, context: active } = continueTrace(tracer, "orrery.v1.Service/Call", {
      kind: SpanKind.SERVER,
      carrier: metadata,
      getter,
    });
    span.end();
    // Work run in the returned context runs under the new span, in the caller's trace.
    expect(trace.getSpanContext(active)?.traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(active)?.spanId).toBe(span.spanContext().spanId);
    expect(exporter.getFinishedSpans().at(-1)?.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
  });

  it("starts a new trace when the caller sent none", () => {
    const { span } = continueTrace(tracer, "orrery.usage.v1 process", {
      kind: SpanKind.CONSUMER,
      carrier: {},
    });
    span.end();
    expect(span.spanContext().traceId).not.toBe(TRACE_ID);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
