export { httpServable, type Servable } from "./http-servable.js";
export {
  type DependencyState,
  Lifecycle,
  type LifecycleOptions,
  type Readiness,
  type ReadinessReport,
} from "./lifecycle.js";
export { type OpsServerOptions, opsRequestHandler, startOpsServer } from "./ops-server.js";
