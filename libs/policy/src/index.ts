export {
  isPlanName,
  LIMIT_FIELD_NAMES,
  LIMIT_FIELDS,
  type LimitField,
  type LimitOverrides,
  PLAN_NAMES,
  type PlanName,
} from "./plans.js";
export { type EffectiveLimits, Policy } from "./policy.js";
export {
  limitOverridesFromProto,
  limitOverridesToProto,
  planFromProto,
  planToProto,
} from "./proto-mapping.js";
export {
  type FailMode,
  type PlanLimits,
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
