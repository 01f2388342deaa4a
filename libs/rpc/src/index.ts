export {
  type CallOptions,
  createRpcClient,
  type RpcClientOptions,
  type ServiceClient,
} from "./client.js";
export { checkHealth, createHealthClient, type HealthStatus } from "./health-client.js";
export {
  type CallContext,
  createRpcServer,
  type RpcServer,
  type RpcServerOptions,
  type ServiceImplementation,
} from "./server.js";
export {
  errorFromStatus,
  statusFromError,
  UpstreamError,
  upstreamError,
} from "./status-mapping.js";
