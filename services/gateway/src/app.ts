import type { IncomingMessage, ServerResponse } from "node:http";
import type { AstrologyService } from "@orrery/astro-service";
import type { BufferedPublisher } from "@orrery/events";
import type { Lifecycle } from "@orrery/lifecycle";
import type { Policy } from "@orrery/policy";
import type { Logger } from "@orrery/telemetry";
import cors from "cors";
import express, { type Express } from "express";
import type { KeyManagementClients } from "./adapters/api-key-clients.js";
import type { IdempotencyPolicy, IdempotencyStore } from "./domain/idempotency.js";
import type { DownstreamProbe } from "./domain/platform-health.js";
import type { RateLimitDecider } from "./domain/rate-limit.js";
import { type BatchRouteDependencies, batchRoutes } from "./transport/http/batch-routes.js";
import { dashboardDirectory, dashboardPages } from "./transport/http/dashboard-pages.js";
import { docsGet, docsScript } from "./transport/http/docs-get.js";
import { EncodedPayloads } from "./transport/http/encoded-payloads.js";
import { tooManyHeaders } from "./transport/http/http-server.js";
import { errorHandler, notFound } from "./transport/http/middleware/errors.js";
import { idempotencyGuard } from "./transport/http/middleware/idempotency.js";
import { tracing } from "./transport/http/middleware/tracing.js";
import { usageEvents } from "./transport/http/middleware/usage-events.js";
import { buildOpenApiDocument } from "./transport/http/openapi.js";
import { requestContext } from "./transport/http/request-context.js";
import type { RouteDefinition, RouteGuards } from "./transport/http/route.js";
import { mountRoutes } from "./transport/http/route-registry.js";
import { v1AccountsCreate } from "./transport/http/v1-accounts-create.js";
import { v1AccountsGet } from "./transport/http/v1-accounts-get.js";
import { v1AccountsList } from "./transport/http/v1-accounts-list.js";
import { v1AccountsUpdate } from "./transport/http/v1-accounts-update.js";
import { v1AnalyticsOverviewGet } from "./transport/http/v1-analytics-overview-get.js";
import { v1AnalyticsReportsCreate } from "./transport/http/v1-analytics-reports-create.js";
import { v1AnalyticsReportsDelete } from "./transport/http/v1-analytics-reports-delete.js";
import { v1AnalyticsReportsGet } from "./transport/http/v1-analytics-reports-get.js";
import { v1AnalyticsReportsList } from "./transport/http/v1-analytics-reports-list.js";
import { v1AnalyticsReportsRun } from "./transport/http/v1-analytics-reports-run.js";
import { v1AnalyticsReportsRunsGet } from "./transport/http/v1-analytics-reports-runs-get.js";
import { v1AnalyticsReportsRunsList } from "./transport/http/v1-analytics-reports-runs-list.js";
import { v1AnalyticsUsageGet } from "./transport/http/v1-analytics-usage-get.js";
import { v1CacheInvalidationsCreate } from "./transport/http/v1-cache-invalidations-create.js";
import { v1ChartsCreate } from "./transport/http/v1-charts-create.js";
import { v1ChartsSvgCreate } from "./transport/http/v1-charts-svg-create.js";
import { v1CompositeCreate } from "./transport/http/v1-composite-create.js";
import { v1HealthGet } from "./transport/http/v1-health-get.js";
import { v1KeysCreate } from "./transport/http/v1-keys-create.js";
import { v1KeysGet } from "./transport/http/v1-keys-get.js";
import { v1KeysList } from "./transport/http/v1-keys-list.js";
import { v1KeysRevoke } from "./transport/http/v1-keys-revoke.js";
import { v1KeysRotate } from "./transport/http/v1-keys-rotate.js";
import { v1KeysUsageGet } from "./transport/http/v1-keys-usage-get.js";
import { v1MoonPhasesList } from "./transport/http/v1-moon-phases-list.js";
import { v1OpenApiGet } from "./transport/http/v1-openapi-get.js";
import { v1PlacesGet } from "./transport/http/v1-places-get.js";
import { v1PlacesList } from "./transport/http/v1-places-list.js";
import { v1ProgressionsCreate } from "./transport/http/v1-progressions-create.js";
import { v1ReadingsCreate } from "./transport/http/v1-readings-create.js";
import {
  type RealtimeTokenDependencies,
  v1RealtimeTokenCreate,
} from "./transport/http/v1-realtime-token-create.js";
import { v1ReturnsCreate } from "./transport/http/v1-returns-create.js";
import { v1SynastryCreate } from "./transport/http/v1-synastry-create.js";
import { v1SynastrySvgCreate } from "./transport/http/v1-synastry-svg-create.js";
import { v1TransitsCreate } from "./transport/http/v1-transits-create.js";
import { v1TransitsSvgCreate } from "./transport/http/v1-transits-svg-create.js";
import { v1TransitsTimelineCreate } from "./transport/http/v1-transits-timeline-create.js";
import { v1UsageGet } from "./transport/http/v1-usage-get.js";
import { type WebhookRouteDependencies, webhookRoutes } from "./transport/http/webhook-routes.js";

export interface AppDependencies {
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly version: string;
  readonly downstream: readonly DownstreamProbe[];
  readonly metricsHandler: (request: IncomingMessage, response: ServerResponse) => void;
  readonly astrology: AstrologyService;
  /** Run after route matching, before the body is read: authenticate → rate limit. */
  readonly guards: RouteGuards;
  /** The rate-limit service (GET /v1/usage; the rate-limit guard has its own reference). */
  readonly rateLimits: RateLimitDecider;
  /** The tier policy as it stands (route costs in the document and /v1/usage). */
  readonly policy: () => Policy;
  readonly idempotency: { readonly store: IdempotencyStore; readonly policy: IdempotencyPolicy };
  /** api-key and analytics clients behind /v1/keys and /v1/accounts (absent: not mounted). */
  readonly keyManagement?: KeyManagementClients;
  /** webhook-dispatcher behind /v1/webhooks (absent: not mounted). */
  readonly webhooks?: WebhookRouteDependencies;
  /** Minting tokens for realtime (absent: POST /v1/realtime/token not mounted). */
  readonly realtime?: RealtimeTokenDependencies;
  /** batch-worker behind /v1/batches (absent: not mounted). */
  readonly batches?: BatchRouteDependencies;
  /** Where one usage event per /v1 request goes (absent: none are emitted). */
  readonly usageEvents?: Pick<BufferedPublisher, "enqueue">;
  readonly http: {
    /** Largest request body, bytes; larger bodies get 413. */
    readonly maxBodyBytes: number;
    /** Most header fields in a request; more get 431 (the server sets the byte limit). */
    readonly maxHeaders: number;
    /** Origins allowed by CORS ("*" for any); none → no CORS headers. */
    readonly corsAllowedOrigins: readonly string[];
  };
}

/**
 * Every route of the public API, in one list: each is mounted and described in the OpenAPI
 * document from its declaration. Add new routes here.
 */
export function publicRoutes(
  dependencies: AppDependencies,
  openApiDocument: () => string,
): RouteDefinition[] {
  // Bytes (and gzip/br forms) of the most recently sent cached results: ~20 KB each.
  const payloads = new EncodedPayloads(2_000);
  const { astrology } = dependencies;
  return [
    v1HealthGet(dependencies.downstream, dependencies.version),
    v1OpenApiGet(openApiDocument, payloads),
    docsGet(payloads),
    v1ChartsCreate(astrology, payloads),
    v1ChartsSvgCreate(astrology, payloads),
    v1PlacesList(),
    v1PlacesGet(),
    v1MoonPhasesList(astrology, payloads),
    v1ReturnsCreate(astrology, payloads),
    v1ProgressionsCreate(astrology, payloads),
    v1ReadingsCreate(astrology, payloads),
    v1SynastryCreate(astrology, payloads),
    v1SynastrySvgCreate(astrology, payloads),
    v1CompositeCreate(astrology, payloads),
    v1TransitsCreate(astrology, payloads),
    v1TransitsSvgCreate(astrology, payloads),
    v1TransitsTimelineCreate(astrology, payloads),
    v1CacheInvalidationsCreate(astrology),
    v1UsageGet(dependencies.rateLimits, dependencies.policy),
    ...keyManagementRoutes(dependencies.keyManagement),
    ...(dependencies.keyManagement === undefined
      ? []
      : analyticsReportRoutes(dependencies.keyManagement, dependencies.policy)),
    ...(dependencies.webhooks === undefined ? [] : webhookRoutes(dependencies.webhooks)),
    ...(dependencies.realtime === undefined ? [] : [v1RealtimeTokenCreate(dependencies.realtime)]),
    ...(dependencies.batches === undefined ? [] : batchRoutes(dependencies.batches)),
  ];
}

function keyManagementRoutes(clients: KeyManagementClients | undefined): RouteDefinition[] {
  if (clients === undefined) return [];
  return [
    v1KeysCreate(clients),
    v1KeysList(clients),
    v1KeysGet(clients),
    v1KeysRotate(clients),
    v1KeysRevoke(clients),
    v1KeysUsageGet(clients),
    v1AnalyticsUsageGet(clients),
    v1AnalyticsOverviewGet(clients),
    v1AccountsCreate(clients),
    v1AccountsList(clients),
    v1AccountsGet(clients),
    v1AccountsUpdate(clients),
  ];
}

function analyticsReportRoutes(
  clients: KeyManagementClients,
  policy: () => Policy,
): RouteDefinition[] {
  return [
    v1AnalyticsReportsCreate(clients, policy),
    v1AnalyticsReportsList(clients),
    v1AnalyticsReportsGet(clients),
    v1AnalyticsReportsDelete(clients),
    v1AnalyticsReportsRun(clients),
    v1AnalyticsReportsRunsList(clients),
    v1AnalyticsReportsRunsGet(clients),
  ];
}

/** Headers a browser script may read from a cross-origin response. */
const EXPOSED_HEADERS = [
  "X-Request-Id",
  "ETag",
  "Idempotent-Replayed",
  "RateLimit",
  "RateLimit-Policy",
  "Retry-After",
  "Location",
];

/** The public HTTP surface. Transport only: handlers decode, call the domain, map the result. */
export function createApp(dependencies: AppDependencies): Express {
  const app = express();
  app.set("case sensitive routing", true);
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  app.use(requestContext);
  app.use(tooManyHeaders(dependencies.http.maxHeaders));
  app.use(tracing);
  if (dependencies.usageEvents !== undefined) app.use(usageEvents(dependencies.usageEvents));
  if (dependencies.http.corsAllowedOrigins.length > 0) {
    const origins = dependencies.http.corsAllowedOrigins;
    app.use(
      cors({
        origin: origins.includes("*") ? "*" : [...origins],
        exposedHeaders: EXPOSED_HEADERS,
        allowedHeaders: [
          "Authorization",
          "X-API-Key",
          "Content-Type",
          "Idempotency-Key",
          "If-None-Match",
          "X-Request-Id",
          "traceparent",
        ],
        maxAge: 600,
      }),
    );
  }
  // Built from the declarations and the policy's route costs; again when a reload changes them.
  let built: { policy: Policy; text: string } | undefined;
  const routes = publicRoutes(dependencies, () => {
    const policy = dependencies.policy();
    if (built?.policy !== policy) {
      const document = buildOpenApiDocument(routes, { version: dependencies.version }, policy);
      built = { policy, text: JSON.stringify(document) };
    }
    return built.text;
  });

  // On the app itself, not a sub-router: one dispatch less on every request.
  mountRoutes(app, routes, {
    guards: dependencies.guards,
    idempotency: idempotencyGuard(dependencies.idempotency.store, dependencies.idempotency.policy),
    maxBodyBytes: dependencies.http.maxBodyBytes,
  });

  // Operations endpoints after the API: the public routes are the hot path.
  app.get("/healthz", (_request, response) => {
    response.setHeader("cache-control", "no-store").json({ status: "ok" });
  });
  app.get("/readyz", (_request, response) => {
    const report = dependencies.lifecycle.report();
    response
      .status(report.ready ? 200 : 503)
      .setHeader("cache-control", "no-store")
      .json(report);
  });
  app.get("/metrics", (request, response) => dependencies.metricsHandler(request, response));
  app.get("/docs/assets/scalar.js", docsScript());
  app.use(dashboardPages(dashboardDirectory()));

  app.use(notFound);
  app.use(errorHandler(dependencies.logger));
  return app;
}
