import { checkHealth, createHealthClient } from "@orrery/rpc";
import type { DownstreamProbe } from "../domain/platform-health.js";

/** grpc.health.v1 Check against a service, with a deadline. */
export function grpcHealthProbe(
  name: string,
  target: string,
  timeoutMs: number,
): DownstreamProbe & { close(): void } {
  const client = createHealthClient(target);
  return {
    name,
    check: async () => {
      const { status, latencyMs } = await checkHealth(client, { timeoutMs });
      return { status, latencyMs };
    },
    close: () => client.close(),
  };
}

/** GET /readyz of an HTTP service (realtime). */
export function httpReadinessProbe(
  name: string,
  baseUrl: string,
  timeoutMs: number,
): DownstreamProbe {
  const url = new URL("/readyz", baseUrl);
  return {
    name,
    check: async () => {
      const started = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return {
          status: response.ok ? "serving" : "not_serving",
          latencyMs: performance.now() - started,
        };
      } catch {
        return { status: "unreachable", latencyMs: performance.now() - started };
      }
    },
  };
}
