import type { Policy } from "@orrery/policy";
import { z } from "zod";
import { accountLimitsOf, type RateLimitDecider } from "../../domain/rate-limit.js";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
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

const RouteCostSchema = z.object({
  route: z.string().describe('"POST /v1/charts"'),
  cost: z.number().int().describe("Request units per successful request."),
  costPerItem: z.number().int().optional().describe("Extra units per item (batches)."),
});

export const UsageSchema = z
  .object({
    plan: z.string(),
    policyVersion: z.string(),
    environment: z
      .enum(["live", "test"])
      .describe("test: the calling key is a sandbox (orr_test_) key, and these are its limits."),
    billed: z.boolean().describe("Whether this use is billed: false for the sandbox of test keys."),
    monthly: z.object({
      used: z.number().int().meta({ description: "Request units used this billing cycle" }),
      quota: z.number().int(),
      remaining: z.number().int(),
      cycleStartedAt: z.iso.datetime().optional(),
      cycleResetsAt: z.iso.datetime().optional(),
    }),
    limits: z.array(LimitSchema),
    routeCosts: z
      .object({
        routes: z.array(RouteCostSchema),
        otherwise: z.number().int().describe("What every other route costs."),
      })
      .describe(
        "What a successful request costs in request units; refusals (4xx, 5xx) and idempotent replays cost nothing.",
      ),
  })
  .meta({ id: "Usage" });

/**
 * GET /v1/usage: the calling account's limits as they stand now (burst, minute, month) and its
 * monthly quota use in the current billing cycle, or its sandbox's for a test key; and the route
 * cost table, from the policy file that prices every request. Reading it charges no units.
 */
export function v1UsageGet(rateLimits: RateLimitDecider, policy: () => Policy) {
  return defineRoute({
    method: "GET",
    path: "/v1/usage",
    operationId: "getUsage",
    summary: "The calling account's rate limits, monthly quota use and route costs",
    tags: ["usage"],
    scope: "analytics:read",
    problems: UPSTREAM_PROBLEMS,
    responses: {
      200: {
        description: "Current usage.",
        schema: UsageSchema,
        example: {
          plan: "basic",
          policyVersion: "2026-12-02.1",
          environment: "live",
          billed: true,
          monthly: {
            used: 1200,
            quota: 250000,
            remaining: 248800,
            cycleStartedAt: "2026-12-01T00:00:00.000Z",
            cycleResetsAt: "2027-01-01T00:00:00.000Z",
          },
          limits: [
            { name: "burst", limit: 25, remaining: 24, windowSeconds: 1, resetSeconds: 1 },
            { name: "minute", limit: 600, remaining: 590, windowSeconds: 60, resetSeconds: 60 },
          ],
          routeCosts: { routes: [{ route: "POST /v1/charts", cost: 1 }], otherwise: 0 },
        },
      },
    },
    handler: async ({ caller }) => {
      const auth = requireCaller(caller);
      const sandbox = auth.environment === "test";
      const usage = await rateLimits.usage(auth.accountId, accountLimitsOf(auth), { sandbox });
      const costs = policy().routeCosts;
      return {
        headers: { "cache-control": "no-store" },
        json: {
          plan: usage.plan,
          policyVersion: usage.policyVersion,
          environment: sandbox ? "test" : "live",
          billed: !sandbox,
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
          routeCosts: {
            routes: Object.entries(costs.routes).map(([route, entry]) => ({
              route,
              cost: entry.cost,
              ...(entry.costPerItem === undefined ? {} : { costPerItem: entry.costPerItem }),
            })),
            otherwise: costs.otherwise,
          },
        },
      };
    },
  });
}
