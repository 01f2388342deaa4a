import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { BufferedPublisher } from "@orrery/events";
import type { NextFunction, Request, Response } from "express";
import { requestContext } from "../request-context.js";

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
type End = (chunk?: unknown, ...rest: unknown[]) => Response;

function byteLength(chunk: unknown, encoding: unknown): number {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return 0;
  if (typeof chunk === "string") {
    return Buffer.byteLength(
      chunk,
      typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
    );
  }
  return (chunk as Uint8Array).byteLength ?? 0;
}

/**
 * One `orrery.usage.recorded` event per public API request (under /v1), emitted when the
 * response has finished: account and key (when authenticated), route template, status,
 * latency, body bytes, cache hit, rate limited, cost, and the monthly quota after the request
 * when the gateway charged it (rate-limit persists and watches it from here). `enqueue` never blocks or throws: events
 * go out in batches, and while Kafka is down they wait in a bounded buffer whose overflow is
 * dropped and counted (events_dropped_total).
 */
export function usageEvents(publisher: Pick<BufferedPublisher, "enqueue">) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!request.path.startsWith("/v1/")) {
      next();
      return;
    }
    const started = performance.now();
    let bytes = 0;
    const write = response.write as unknown as Write;
    const end = response.end as unknown as End;
    (response as unknown as { write: Write }).write = function (this: Response, chunk, ...rest) {
      bytes += byteLength(chunk, rest[0]);
      return write.call(this, chunk, ...rest);
    };
    (response as unknown as { end: End }).end = function (this: Response, chunk, ...rest) {
      bytes += byteLength(chunk, rest[0]);
      return end.call(this, chunk, ...rest);
    };
    response.once("finish", () => {
      const context = requestContext(response);
      const route = context.route;
      const quota = context.quotaUse;
      publisher.enqueue({
        type: "orrery.usage.recorded",
        accountId: context.auth?.accountId ?? "",
        subject: context.requestId,
        data: {
          requestId: context.requestId,
          accountId: context.auth?.accountId ?? "",
          keyId: context.auth?.keyId ?? "",
          route: route === undefined ? "unmatched" : `${route.method} ${route.path}`,
          status: response.statusCode,
          latencyMs: performance.now() - started,
          responseBytes: BigInt(bytes),
          cacheHit: context.cacheHit === true,
          rateLimited: context.rateLimited === true,
          cost: route?.cost ?? 0,
          quota:
            quota === undefined
              ? undefined
              : {
                  used: BigInt(quota.used),
                  quota: BigInt(quota.quota),
                  cycleStartedAt: timestampFromMs(quota.cycleStartSeconds * 1000),
                  cycleResetsAt: timestampFromMs(quota.cycleEndSeconds * 1000),
                  keyCounted: quota.keyCounted,
                },
        },
      });
    });
    next();
  };
}
