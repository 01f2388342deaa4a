export {
  formatTable,
  type Measurement,
  measureAll,
  processCpuSeconds,
  type Scenario,
} from "./bench.js";
export { chromiumPath, HEADLESS_CHROMIUM_ARGS } from "./chromium.js";
export {
  createTenant,
  type GatewayReply,
  type GatewayRequestOptions,
  gatewayCall,
  gatewayFetch,
  type Tenant,
  type TenantOptions,
} from "./gateway.js";
export { infra, repoRoot } from "./infra.js";
export { POPULOUS_CITIES } from "./populous-cities.js";
export { type PrivateRedis, startPrivateRedis } from "./private-redis.js";
export { protoEnumMappingProblems } from "./proto-enum.js";
export {
  indexesUsed,
  type PlanNode,
  queryPlan,
  relationsRead,
  sequentialScans,
} from "./query-plan.js";
export { createScratchDatabase, type ScratchDatabase } from "./scratch-database.js";
export {
  extraNodeArguments,
  freePort,
  parseEnvironmentLines,
  type ServiceProcess,
  type StackService,
  stackEnvironment,
  stackService,
  stackServiceTargets,
  startServiceProcess,
} from "./service-process.js";
export { stackAdminKey, stackComponent } from "./stack.js";
export { waitFor } from "./wait-for.js";
