import { z } from "zod";
import { type DownstreamProbe, platformHealth } from "../../domain/platform-health.js";
import { defineRoute } from "./route.js";

const ServiceStatusSchema = z.object({
  status: z.enum(["serving", "not_serving", "unknown", "unreachable"]),
  latencyMs: z.number(),
});

export const PlatformHealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    services: z.record(z.string(), ServiceStatusSchema),
    version: z.string(),
  })
  .meta({ id: "PlatformHealth" });

/**
 * GET /v1/health: the status of every downstream service. 200 when all serve, 503 (same body)
 * when any does not, so a monitor can alert on the status code alone.
 */
export function v1HealthGet(probes: readonly DownstreamProbe[], version: string) {
  return defineRoute({
    method: "GET",
    path: "/v1/health",
    operationId: "getHealth",
    summary: "Status of the platform and each of its services",
    tags: ["meta"],
    scope: undefined,
    responses: {
      200: {
        description: "Every service serves.",
        schema: PlatformHealthSchema,
        example: {
          status: "ok",
          services: { "api-key": { status: "serving", latencyMs: 1.2 } },
          version: "0.1.0",
        },
      },
      503: {
        description: "Some service does not serve (same body).",
        schema: PlatformHealthSchema,
        example: {
          status: "degraded",
          services: { "api-key": { status: "unreachable", latencyMs: 2000 } },
          version: "0.1.0",
        },
      },
    },
    handler: async () => {
      const health = await platformHealth(probes);
      return {
        status: health.status === "ok" ? 200 : 503,
        headers: { "cache-control": "no-store" },
        json: { ...health, version },
      };
    },
  });
}
