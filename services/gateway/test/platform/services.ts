/** The seven services of the local stack and where they listen (scripts/env/*.env). */
export const SERVICES = [
  {
    name: "api-key",
    httpPort: 9401,
    grpcPort: 50051,
    grpcService: "orrery.apikey.v1.ApiKeyService",
  },
  {
    name: "rate-limit",
    httpPort: 9402,
    grpcPort: 50052,
    grpcService: "orrery.ratelimit.v1.RateLimitService",
  },
  {
    name: "webhook-dispatcher",
    httpPort: 9403,
    grpcPort: 50053,
    grpcService: "orrery.webhook.v1.WebhookService",
  },
  {
    name: "batch-worker",
    httpPort: 9404,
    grpcPort: 50054,
    grpcService: "orrery.batch.v1.BatchService",
  },
  {
    name: "analytics",
    httpPort: 9405,
    grpcPort: 50055,
    grpcService: "orrery.analytics.v1.AnalyticsService",
  },
  { name: "realtime", httpPort: 8090, grpcPort: undefined, grpcService: undefined },
  { name: "gateway", httpPort: 8080, grpcPort: undefined, grpcService: undefined },
] as const;

export async function readiness(httpPort: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`, {
    signal: AbortSignal.timeout(2_000),
  });
  return { status: response.status, body: await response.json() };
}
