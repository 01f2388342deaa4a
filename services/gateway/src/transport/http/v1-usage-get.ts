import { DomainError } from "@orrery/errors";
import { z } from "zod";
import { accountLimitsOf, type RateLimitDecider } from "../../domain/rate-limit.js";
import { defineRoute } from "./route.js";

const LimitSchema = z.object({
  name: z
    .string()
    .meta({ description: 'As in RateLimit-Policy: "burst", "minute", "month", "key-…"' }),
  limit: z.number().int(),
  remaining: z.number().int(),
  windowSeconds: z.number().int(),
  resetSeconds: z.number().int().meta({ description: "Seconds until fully available again" }),
});

export const UsageSchema = z
  .object({
    plan: z.string(),
    policyVersion: z.string(),
    monthly: z.object({
      used: z.number().int().meta({ description: "Request units used this billing cycle" }),
      quota: z.number().int(),
      remaining: z.number().int(),
      cycleStartedAt: z.iso.datetime().optional(),
      cycleResetsAt: z.iso.datetime().optional(),
    }),
    limits: z.array(LimitSchema),
  })
  .meta({ id: "Usage" });

/**
 * GET /v1/usage: the calling account's limits as they stand now (burst, minute, month) and its
 * monthly quota use in the current billing cycle. Reading it charges no request units.
 */
export function v1UsageGet(rateLimits: RateLimitDecider) {
  return defineRoute({
    method: "GET",
    path: "/v1/usage",
    operationId: "getUsage",
    summary: "The calling account's rate limits and monthly quota use",
    tags: ["usage"],
    scope: "analytics:read",
    cost: 0,
    responses: { 200: { description: "Current usage.", schema: UsageSchema } },
    handler: async ({ caller: auth }) => {
      if (auth === undefined) {
        throw new DomainError(
          "API_KEY_REQUIRED",
          "This route needs an API key: send Authorization: Bearer <key>.",
        );
      }
      const usage = await rateLimits.usage(auth.accountId, accountLimitsOf(auth));
      return {
        headers: { "cache-control": "no-store" },
        json: {
          plan: usage.plan,
          policyVersion: usage.policyVersion,
          monthly: {
            used: usage.monthlyUsed,
            quota: usage.monthlyQuota,
            remaining: Math.max(usage.monthlyQuota - usage.monthlyUsed, 0),
            cycleStartedAt: usage.cycleStartedAt?.toISOString(),
            cycleResetsAt: usage.cycleResetsAt?.toISOString(),
          },
          limits: usage.limits.map((limit) => ({
            name: limit.name,
            limit: limit.limit,
            remaining: limit.remaining,
            windowSeconds: limit.windowSeconds,
            resetSeconds: limit.resetSeconds,
          })),
        },
      };
    },
  });
}
