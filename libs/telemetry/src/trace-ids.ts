import {
  type Context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  type TextMapGetter,
  type Tracer,
  trace,
} from "@opentelemetry/api";

/** The trace and span id of the active span, for log lines and error responses. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (context === undefined || !isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}

/**
 * A span for work that arrives from elsewhere (an HTTP request, an RPC, a consumed event),
 * continuing the caller's W3C trace read from `carrier`, and the context to run that work in so
 * that what it calls and emits joins the same trace.
 */
export function continueTrace<Carrier>(
  tracer: Tracer,
  name: string,
  options: SpanOptions & { readonly carrier: Carrier; readonly getter?: TextMapGetter<Carrier> },
): { readonly span: Span; readonly context: Context } {
  const { carrier, getter, ...spanOptions } = options;
  const parent = propagation.extract(ROOT_CONTEXT, carrier, getter);
  const span = tracer.startSpan(name, spanOptions, parent);
  return { span, context: trace.setSpan(parent, span) };
}
