import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { continueTrace, lazyHistogram } from "@orrery/telemetry";
import type { NextFunction, Request, Response } from "express";
import { requestContextOf } from "../request-context.js";
import { responseStatus, whenResponseDone } from "./response-status.js";

const tracer = trace.getTracer("@orrery/gateway");
const duration = lazyHistogram("@orrery/gateway", "http_server_duration_seconds", {
  description: "Duration of public HTTP requests, by method, route template and status",
  unit: "s",
  advice: {
    explicitBucketBoundaries: [
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ],
  },
});

/** Route template for metrics and span names: bounded cardinality, no ids in labels. */
function routeOf(request: Request): string {
  const declared = requestContextOf(request).route?.path;
  if (declared !== undefined) return declared;
  const path = request.route?.path;
  return typeof path === "string" ? `${request.baseUrl}${path}` : "unmatched";
}

/**
 * A SERVER span per request, continuing the caller's W3C trace (traceparent), active for the
 * whole handler chain so gRPC calls and events made on its behalf join the same trace. It ends,
 * and the duration is recorded, when the response is done (or the client went away).
 */
export function tracing(request: Request, response: Response, next: NextFunction): void {
  const { span, context: active } = continueTrace(tracer, `${request.method} ${request.path}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": request.method, "url.path": request.path },
    carrier: request.headers,
  });
  const { startedAt } = requestContextOf(request);
  whenResponseDone(response, () => {
    const route = routeOf(request);
    const status = responseStatus(response);
    span.updateName(`${request.method} ${route}`);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    duration.record((performance.now() - startedAt) / 1000, {
      "http.request.method": request.method,
      "http.route": route,
      "http.response.status_code": status,
    });
  });
  context.with(active, next);
}
