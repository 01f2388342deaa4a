import { BatchService } from "@orrery/proto/batch/v1/batch";
import { createRpcClient, type ServiceClient } from "@orrery/rpc";

/** The gRPC client behind /v1/batches. */
export type BatchClient = ServiceClient<typeof BatchService>;

export function createBatchClient(options: { target: string; timeoutMs: number }): BatchClient {
  return createRpcClient(BatchService, {
    target: options.target,
    defaultTimeoutMs: options.timeoutMs,
  });
}
