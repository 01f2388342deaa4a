import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { BufferedPublisher } from "@orrery/events";
import type { NextFunction, Request, Response } from "express";
import { requestContextOf } from "../request-context.js";
import { responseBodyBytes, responseStatus, whenResponseDone } from "./response-status.js";

/**
 * One `orrery.usage.recorded` event per public API request (under /v1), emitted when the
 * response is done (or its client went away, status 499): account and key (when
 * authenticated), route template, status, latency, body bytes as sent (compressed when it was),
 * cache hit, rate limited, the units billed (none for a refusal, a replay or a sandbox key), and
 * the monthly quota after the request when the gateway charged it (rate-limit persists and
 * watches it from here; a sandbox key's quota stays out of it). `enqueue` never blocks or throws: events go
 * out in batches, and while Kafka is down they wait in a bounded buffer whose overflow is dropped
 * and counted (events_dropped_total).
 */
export function usageEvents(publisher: Pick<BufferedPublisher, "enqueue">) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path.startsWith("/v1/")) {
      whenResponseDone(response, () => {
        const context = requestContextOf(request);
        const { route, caller, quotaUse: quota, sandbox } = context;
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
            // Billed units: none for a sandbox key, and none once refunded.
            cost: sandbox ? 0 : context.charged,
            sandbox,
            quota:
              quota === undefined || sandbox
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
