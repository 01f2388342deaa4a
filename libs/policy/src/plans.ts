/** Every plan an account can be on; the policy file sets each one's numbers. */
export const PLAN_NAMES = ["free", "basic", "premium"] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export function isPlanName(value: string): value is PlanName {
  return (PLAN_NAMES as readonly string[]).includes(value);
}

/**
 * Every number a plan sets, with what it limits: the policy file's fields, the fields of an
 * account's or a key's overrides (orrery.apikey.v1.LimitOverrides) and of the public API's
 * LimitOverrides schema. A new limit is added here, and in the proto.
 */
export const LIMIT_FIELDS = {
  burstPerSecond: "Requests allowed in any one second.",
  requestsPerMinute: "Requests allowed per minute.",
  monthlyQuota: "Request units per billing month.",
  maxBatchSize: "Charts in one batch.",
  concurrentBatches: "Batches running at once.",
  webhookEndpoints: "Webhook endpoints.",
  realtimeConnections: "Open realtime connections.",
  savedReports: "Saved analytics reports.",
} as const;

export type LimitField = keyof typeof LIMIT_FIELDS;

export const LIMIT_FIELD_NAMES = Object.keys(LIMIT_FIELDS) as readonly LimitField[];

/** Departures from a plan's numbers: an unset field means "as the plan". */
export type LimitOverrides = { readonly [Field in LimitField]?: number | undefined };
