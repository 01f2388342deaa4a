import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { BufferedPublisher } from "@orrery/events";
import type { NextFunction, Request, Response } from "express";
import onFinished from "on-finished";
import { requestContextOf } from "../request-context.js";
import { responseBodyBytes, responseStatus } from "./response-status.js";

/**
 * One `orrery.usage.recorded` event per public API request (under /v1), emitted when the
 * response is done (or its client went away, status 499): account and key (when
 * authenticated), route template, status, latency, body bytes as sent (compressed when it was),
 * cache hit, rate limited, cost, and the monthly quota after the request when the gateway charged
 * it (rate-limit persists and watches it from here). `enqueue` never blocks or throws: events go
 * out in batches, and while Kafka is down they wait in a bounded buffer whose overflow is dropped
 * and counted (events_dropped_total).
 */
export function usageEvents(publisher: Pick<BufferedPublisher, "enqueue">) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path.startsWith("/v1/")) {
      onFinished(response, () => {
        const context = requestContextOf(request);
        const { route, caller, quotaUse: quota } = context;
        const accountId = caller?.accountId ?? "";
        publisher.enqueue({
          type: "orrery.usage.recorded",
          accountId,
          subject: context.requestId,
          data: {
            requestId: context.requestId,
            accountId,
            keyId: caller?.keyId ?? "",
            route: route === undefined ? "unmatched" : route.key,
            status: responseStatus(response),
            latencyMs: performance.now() - context.startedAt,
            responseBytes: BigInt(responseBodyBytes(request.method, response)),
            cacheHit: context.cacheHit,
            rateLimited: context.rateLimited,
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
    }
    next();
  };
}
