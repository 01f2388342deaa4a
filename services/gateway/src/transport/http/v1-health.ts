import type { Request, Response } from "express";
import { type DownstreamProbe, platformHealth } from "../../domain/platform-health.js";

/**
 * GET /v1/health: the status of every downstream service. 200 when all serve, 503 (same body)
 * when any does not, so a monitor can alert on the status code alone.
 */
export function v1Health(probes: readonly DownstreamProbe[], version: string) {
  return async (_request: Request, response: Response): Promise<void> => {
    const health = await platformHealth(probes);
    response
      .status(health.status === "ok" ? 200 : 503)
      .setHeader("cache-control", "no-store")
      .json({ ...health, version });
  };
}
