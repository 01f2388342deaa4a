export { Lifecycle, type LifecycleOptions, type ReadinessReport } from "./lifecycle.js";
export { type OpsServerOptions, startOpsServer } from "./ops-server.js";
