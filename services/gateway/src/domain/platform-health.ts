/** One downstream dependency as the gateway sees it. */
export interface DownstreamProbe {
  readonly name: string;
  check(): Promise<DownstreamStatus>;
}

export interface DownstreamStatus {
  readonly status: "serving" | "not_serving" | "unknown" | "unreachable";
  readonly latencyMs: number;
}

export interface PlatformHealth {
  readonly status: "ok" | "degraded";
  readonly services: Record<string, { status: DownstreamStatus["status"]; latencyMs: number }>;
}

/** Probes every downstream service at once; the platform is ok only when all of them serve. */
export async function platformHealth(probes: readonly DownstreamProbe[]): Promise<PlatformHealth> {
  const results = await Promise.all(
    probes.map(async (probe) => [probe.name, await probe.check()] as const),
  );
  const services: PlatformHealth["services"] = {};
  for (const [name, result] of results) {
    services[name] = { status: result.status, latencyMs: Math.round(result.latencyMs * 100) / 100 };
  }
  const allServing = results.every(([, result]) => result.status === "serving");
  return { status: allServing ? "ok" : "degraded", services };
}
