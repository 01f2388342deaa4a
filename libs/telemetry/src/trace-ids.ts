import { isSpanContextValid, trace } from "@opentelemetry/api";

/** The trace and span id of the active span, for log lines and error responses. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (context === undefined || !isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}
