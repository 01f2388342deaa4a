export {
  type BillingCycle,
  BillingCycleHints,
  billingCycle,
  normalizeAnchorDay,
} from "./billing-cycle.js";
export { DECIDE_LUA, REFUND_LUA } from "./decide-script.js";
export {
  closestToExhaustion,
  type LimitState,
  limitState,
  type RequestAccount,
  type RequestLimitsInput,
  requestLimits,
  retryAfterSeconds,
} from "./decision.js";
export {
  GENERATION_KEY,
  limitLocation,
  QUOTA_GRACE_SECONDS,
  quotaKey,
  RESTORED_KEY,
  sandboxKey,
  scopeKey,
} from "./keys.js";
export {
  type ChecksOptions,
  type LimitCheck,
  type LimitKind,
  type LimitName,
  type LimitOutcome,
  type LimitStore,
  limitChecks,
  type QuotaRefund,
  type StoreDecision,
} from "./limits.js";
export { RedisLimitStore } from "./redis-limit-store.js";
