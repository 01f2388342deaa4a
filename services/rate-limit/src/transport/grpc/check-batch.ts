import { DomainError } from "@orrery/errors";
import type { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import { type ServiceImplementation, statusFromError } from "@orrery/rpc";
import type { RateLimiter } from "../../domain/rate-limiter.js";
import { decideCheck } from "./check.js";

const MAX_CHECKS = 1_000;

/**
 * RateLimitService.CheckBatch: every check decided concurrently (their Redis scripts leave in
 * one pipelined write), each on its own; a check that fails carries its error in its slot.
 */
export function checkBatch(
  limiter: RateLimiter,
): ServiceImplementation<typeof RateLimitService>["checkBatch"] {
  return async (request) => {
    if (request.checks.length > MAX_CHECKS) {
      throw new DomainError("TOO_MANY_CHECKS", `A batch holds at most ${MAX_CHECKS} checks.`, {
        metadata: { limit: String(MAX_CHECKS) },
      });
    }
    const results = await Promise.all(
      request.checks.map((check) =>
        decideCheck(limiter, check).then(
          (response) => ({ result: { case: "response" as const, value: response } }),
          (error: unknown) => ({
            result: { case: "error" as const, value: statusFromError(error) },
          }),
        ),
      ),
    );
    return { results };
  };
}
