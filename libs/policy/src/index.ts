export { type EffectiveLimits, isPlanName, type LimitOverrides, Policy } from "./policy.js";
export {
  type FailMode,
  PLAN_NAMES,
  type PlanLimits,
  type PlanName,
  type PolicyDocument,
  policyDocumentSchema,
} from "./schema.js";
export {
  defaultPolicyPath,
  loadPolicyFile,
  PolicyError,
  PolicyStore,
  type PolicyStoreOptions,
  type ReloadResult,
} from "./store.js";
