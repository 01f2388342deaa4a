import type { DescService } from "@bufbuild/protobuf";
import { checkHealth, createHealthClient } from "@orrery/rpc";
import type { DownstreamProbe, DownstreamStatus } from "../domain/platform-health.js";

/**
 * grpc.health.v1 Check, with a deadline, of each gRPC service the gateway calls on a server:
 * it serves only when every one of them does. A server that does not register a service
 * (it does not implement it) answers "unknown" for it, never "serving".
 */
export function grpcHealthProbe(
  name: string,
  target: string,
  services: readonly DescService[],
  timeoutMs: number,
): DownstreamProbe & { close(): void } {
  const client = createHealthClient(target);
  return {
    name,
    check: async () => {
      const started = performance.now();
      const results = await Promise.all(
        services.map((service) => checkHealth(client, { service: service.typeName, timeoutMs })),
      );
      const failing = results.find((result) => result.status !== "serving");
      const status: DownstreamStatus["status"] = failing?.status ?? "serving";
      return { status, latencyMs: performance.now() - started };
    },
    close: () => client.close(),
  };
}
