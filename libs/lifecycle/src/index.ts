export { httpServable } from "./http-servable.js";
export { Lifecycle, type LifecycleOptions, type ReadinessReport } from "./lifecycle.js";
export { type OpsServerOptions, startOpsServer } from "./ops-server.js";
export {
  createServiceRuntime,
  type RuntimeConfig,
  type Servable,
  type ServiceRuntime,
  type ServiceRuntimeOptions,
} from "./service-runtime.js";
