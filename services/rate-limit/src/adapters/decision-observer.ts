import { metrics } from "@opentelemetry/api";
import type { FailMode } from "@orrery/policy";
import type { Logger } from "@orrery/telemetry";
import type { DecisionObserver } from "../domain/rate-limiter.js";

/**
 * Counts decisions made without Redis and warns about them, at most once per `warnEveryMs` so an
 * outage does not flood the logs (the counter carries the volume).
 */
export class TelemetryDecisionObserver implements DecisionObserver {
  private readonly storeFailures = metrics
    .getMeter("@orrery/rate-limit")
    .createCounter("ratelimit_store_failures_total", {
      description:
        "Decisions Redis could not make in time, by fail mode (open: allowed, closed: refused)",
    });
  private lastWarning = 0;

  constructor(
    private readonly logger: Logger,
    private readonly warnEveryMs = 10_000,
  ) {}

  storeFailed(failMode: FailMode, error: unknown): void {
    this.storeFailures.add(1, { fail_mode: failMode });
    const now = Date.now();
    if (now - this.lastWarning < this.warnEveryMs) return;
    this.lastWarning = now;
    this.logger.warn(
      { err: error, failMode },
      failMode === "open"
        ? "rate-limit store unavailable: allowing requests unchecked (fail-open)"
        : "rate-limit store unavailable: refusing requests (fail-closed)",
    );
  }
}
