import { z } from "zod";
import { LIMIT_FIELD_NAMES, type LimitField } from "./plans.js";

const count = z.number().int().min(0);

/**
 * What Redis-backed limiting does when Redis cannot answer in time: `open` lets the request
 * through (counted in a metric, logged as a warning), `closed` refuses it.
 */
export const failModeSchema = z.enum(["open", "closed"]);
export type FailMode = z.output<typeof failModeSchema>;

const limitCounts = Object.fromEntries(LIMIT_FIELD_NAMES.map((field) => [field, count])) as {
  readonly [Field in LimitField]: typeof count;
};

/** A plan: every limit field (monthlyQuota counts request units per billing cycle), a fail mode. */
export const planLimitsSchema = z.strictObject({
  ...limitCounts,
  failMode: failModeSchema.default("open"),
});

/**
 * What test keys (orr_test_) get: limits of their own, counted apart from the account's and
 * never billed, so integrating against the API cannot spend a live quota.
 */
export const sandboxLimitsSchema = z.strictObject({
  burstPerSecond: count,
  requestsPerMinute: count,
  monthlyQuota: count,
});

const routeCostSchema = z.strictObject({
  /** Request units charged to the monthly quota per request. */
  cost: count,
  /** Extra units per item of the request's `items` (batches). */
  costPerItem: count.optional(),
});

/** A route key is the method and template path, as the gateway's route registry names it. */
const routeKeySchema = z
  .string()
  .regex(/^(GET|POST|PUT|PATCH|DELETE) \/\S*$/, 'must look like "POST /v1/charts"');

export const policyDocumentSchema = z.strictObject({
  /** Changes with every edit; reported with each decision so a client's numbers can be traced. */
  version: z.string().min(1),
  plans: z.strictObject({
    free: planLimitsSchema,
    basic: planLimitsSchema,
    premium: planLimitsSchema,
  }),
  sandbox: sandboxLimitsSchema,
  routes: z.record(routeKeySchema, routeCostSchema),
  /** Units charged for a route the table does not name. */
  defaultRouteCost: count,
  /** Percentages of the monthly quota that emit `orrery.quota.threshold_crossed` once per cycle. */
  quotaThresholdsPercent: z
    .array(z.number().int().min(1).max(100))
    .min(1)
    .refine((values) => new Set(values).size === values.length, "must not repeat a threshold"),
});

export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type PlanLimits = z.output<typeof planLimitsSchema>;
export type SandboxLimits = z.output<typeof sandboxLimitsSchema>;
