import { type StackService, stackService } from "@orrery/testing";

export interface PlatformService extends StackService {
  /** The gRPC services it registers, each implemented in full; undefined: no gRPC server. */
  readonly grpcServices: readonly string[] | undefined;
  /** Its proto's services it does not serve yet: health must not call them serving. */
  readonly unbuiltGrpcServices: readonly string[];
  /** The dependencies without which it cannot do its job: they alone gate readiness. */
  readonly essential: readonly string[];
  /** Dependencies it reports in /readyz but serves without. */
  readonly reported: readonly string[];
}

/** The seven services of the local stack, what each serves and what its readiness means. */
export const SERVICES: readonly PlatformService[] = [
  {
    name: "api-key",
    grpcServices: ["orrery.apikey.v1.AccountService", "orrery.apikey.v1.ApiKeyService"],
    unbuiltGrpcServices: [],
    essential: ["postgres"],
    reported: ["kafka", "redis"],
  },
  {
    name: "rate-limit",
    grpcServices: [
      "envoy.service.ratelimit.v3.RateLimitService",
      "orrery.ratelimit.v1.RateLimitService",
    ],
    unbuiltGrpcServices: [],
    essential: ["redis"],
    reported: ["consumer rate-limit-usage", "kafka", "postgres"],
  },
  {
    name: "webhook-dispatcher",
    grpcServices: ["orrery.webhook.v1.WebhookService"],
    unbuiltGrpcServices: [],
    essential: ["postgres"],
    reported: ["consumer webhook-dispatcher", "kafka"],
  },
  {
    name: "batch-worker",
    grpcServices: ["orrery.batch.v1.BatchService"],
    unbuiltGrpcServices: [],
    essential: ["postgres"],
    // Live progress counters: GET falls back to Postgres while Redis is away.
    reported: ["consumer batch-worker", "kafka", "redis"],
  },
  {
    name: "analytics",
    grpcServices: ["orrery.analytics.v1.AnalyticsService"],
    unbuiltGrpcServices: [],
    essential: ["postgres"],
    reported: [
      "consumer analytics-batch-throughput",
      "consumer analytics-key-usage",
      "consumer analytics-webhook-outcomes",
      "kafka",
    ],
  },
  {
    name: "realtime",
    grpcServices: undefined,
    unbuiltGrpcServices: [],
    essential: ["redis"],
    reported: ["kafka"],
  },
  {
    name: "gateway",
    grpcServices: undefined,
    unbuiltGrpcServices: [],
    essential: [],
    reported: ["kafka", "rate-limit-redis", "redis"],
  },
].map((service) => ({ ...service, ...stackService(service.name) }));

export function platformService(name: string): PlatformService {
  const service = SERVICES.find((candidate) => candidate.name === name);
  if (service === undefined) throw new Error(`no service ${name}`);
  return service;
}

export interface Readiness {
  readonly status: number;
  readonly body: {
    readonly ready: boolean;
    readonly checks: Record<string, { ok: boolean; essential: boolean }>;
  };
}

export async function readiness(service: StackService): Promise<Readiness> {
  const response = await fetch(`${service.httpUrl}/readyz`, {
    signal: AbortSignal.timeout(2_000),
  });
  return { status: response.status, body: (await response.json()) as Readiness["body"] };
}

/** The readiness of each service, with status 0 for one that does not answer at all. */
export function readinessOf(services: readonly PlatformService[]) {
  return Promise.all(
    services.map(async (service) => ({
      service,
      ...(await readiness(service).catch(
        (): Readiness => ({ status: 0, body: { ready: false, checks: {} } }),
      )),
    })),
  );
}
