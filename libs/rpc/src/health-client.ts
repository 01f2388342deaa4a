import { type ServiceError, status } from "@grpc/grpc-js";
import { Health, HealthCheckResponse_ServingStatus } from "@orrery/proto/grpc/health/v1/health";
import { createRpcClient, type ServiceClient } from "./client.js";

export type HealthStatus = "serving" | "not_serving" | "unknown" | "unreachable";

/**
 * One grpc.health.v1 Check against a target (whole server when `service` is empty). Never
 * throws: an unreachable or slow server is a status, not an error. A service the server does
 * not serve (NOT_FOUND, as the health protocol answers for it) is "unknown".
 */
export async function checkHealth(
  client: ServiceClient<typeof Health>,
  options: { service?: string; timeoutMs: number },
): Promise<{ status: HealthStatus; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    const response = await client.check(
      { service: options.service ?? "" },
      { timeoutMs: options.timeoutMs },
    );
    const latencyMs = performance.now() - started;
    switch (response.status) {
      case HealthCheckResponse_ServingStatus.SERVING:
        return { status: "serving", latencyMs };
      case HealthCheckResponse_ServingStatus.NOT_SERVING:
        return { status: "not_serving", latencyMs };
      default:
        return { status: "unknown", latencyMs };
    }
  } catch (error) {
    const cause =
      error instanceof Error ? (error.cause as Partial<ServiceError> | undefined) : undefined;
    return {
      status: cause?.code === status.NOT_FOUND ? "unknown" : "unreachable",
      latencyMs: performance.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function createHealthClient(target: string): ServiceClient<typeof Health> {
  return createRpcClient(Health, { target, defaultTimeoutMs: 1_000 });
}
