// The seven services as their charts see them. Each service chart (Chart.yaml, values.yaml,
// values.schema.json, its one template) is written from its entry here by
// `pnpm --filter @orrery/platform generate-charts`; a test fails when a chart differs.
import { arrayOf, boolean, integerFrom, nonEmptyString, string } from "./schemas.js";
import type { ServiceDeclaration } from "./service-chart.js";
import { setting } from "./values-tree.js";

const OPS_ENDPOINTS = "the ops endpoints /healthz, /readyz and /metrics";
const SMALL = {
  requests: { cpu: "100m", memory: "192Mi" },
  limits: { cpu: "1", memory: "384Mi" },
};

export const SERVICES: readonly ServiceDeclaration[] = [
  {
    name: "gateway",
    description:
      "Orrery gateway: the public REST API under /v1 (express), WebSocket upgrades routed to realtime, usage events.",
    http: { port: 8080, serves: "the public API, /healthz, /readyz and /metrics" },
    redis: "shared",
    rateLimitRedis: true,
    kafka: true,
    calledBy: [],
    public: true,
    upstreams: [
      { key: "apiKey", service: "api-key", env: "APIKEY_SERVICE_URL" },
      { key: "rateLimit", service: "rate-limit", env: "RATELIMIT_SERVICE_URL" },
      { key: "webhook", service: "webhook-dispatcher", env: "WEBHOOK_SERVICE_URL" },
      { key: "batch", service: "batch-worker", env: "BATCH_SERVICE_URL" },
      { key: "analytics", service: "analytics", env: "ANALYTICS_SERVICE_URL" },
      {
        key: "realtime",
        service: "realtime",
        env: "REALTIME_URL",
        purpose: "where WebSocket upgrades are proxied",
      },
    ],
    secrets: {
      realtimeTokenSecret: {
        env: "REALTIME_TOKEN_SECRET",
        doc: "the HMAC secret (at least 32 characters) realtime tokens are signed with; the same Secret as the realtime chart's, which checks them.",
        secretName: "realtime-token-secret",
        secretKey: "secret",
      },
    },
    settings: {
      downstreamTimeoutMs: setting(
        "DOWNSTREAM_TIMEOUT_MS: deadline of one call to an upstream service.",
        2000,
        integerFrom(1),
        { env: "DOWNSTREAM_TIMEOUT_MS" },
      ),
    },
    // The city index and time zone tiles (libs/places) stay resident beside the result cache's
    // L1: a request below the resting size would trip the HPA's memory target on an idle pod.
    resources: {
      requests: { cpu: "250m", memory: "384Mi" },
      limits: { cpu: "2", memory: "768Mi" },
    },
    autoscaling: { maxReplicas: 20 },
  },
  {
    name: "api-key",
    description:
      "Orrery api-key: accounts, plans and API keys (ApiKeyService, AccountService over gRPC); key and account lifecycle events.",
    http: { port: 9401, serves: OPS_ENDPOINTS },
    grpc: { port: 50051, serves: "ApiKeyService and AccountService" },
    database: true,
    redis: "shared",
    kafka: true,
    calledBy: ["gateway", "rate-limit", "realtime"],
    secrets: {
      pepper: {
        env: "API_KEY_PEPPER",
        doc: "the server secret (at least 32 bytes) keys are hashed with. Changing it invalidates every API key; the service refuses the local-development value.",
        secretName: "api-key-pepper",
        secretKey: "pepper",
      },
    },
    resources: SMALL,
    autoscaling: { maxReplicas: 10 },
  },
  {
    name: "rate-limit",
    description:
      "Orrery rate-limit: multi-limit decisions in one Redis round trip, tier policies, monthly quotas (RateLimitService and Envoy's RateLimitService over gRPC).",
    http: { port: 9402, serves: OPS_ENDPOINTS },
    grpc: {
      port: 50052,
      serves: "RateLimitService and Envoy's envoy.service.ratelimit.v3.RateLimitService",
    },
    database: true,
    redis: "rateLimit",
    kafka: true,
    calledBy: ["gateway"],
    upstreams: [
      {
        key: "apiKey",
        service: "api-key",
        env: "APIKEY_SERVICE_URL",
        purpose: "AccountService, for accounts the gateway cannot describe",
      },
    ],
    resources: {
      requests: { cpu: "200m", memory: "192Mi" },
      limits: { cpu: "1", memory: "384Mi" },
    },
    autoscaling: { maxReplicas: 10 },
  },
  {
    name: "webhook-dispatcher",
    description:
      "Orrery webhook-dispatcher: partner endpoints and Standard Webhooks-signed deliveries with retries and replay (WebhookService over gRPC).",
    http: { port: 9403, serves: OPS_ENDPOINTS },
    grpc: { port: 50053, serves: "WebhookService" },
    database: true,
    kafka: true,
    keda: { topic: "" },
    calledBy: ["gateway"],
    secrets: {
      envelopeKeys: {
        env: "WEBHOOK_SECRET_KEYS",
        doc: "the keys endpoint signing secrets are sealed with at rest (AES-256-GCM), as `id:base64-of-32-bytes` separated by commas. Keep retired keys listed until every secret sealed with them was rotated; the service refuses the local-development key.",
        secretName: "webhook-secret-keys",
        secretKey: "keys",
      },
    },
    settings: {
      activeSecretKey: setting(
        "WEBHOOK_SECRET_ACTIVE_KEY: id of the key new secrets are sealed with; empty = the first of WEBHOOK_SECRET_KEYS.",
        "",
        string,
        { env: "WEBHOOK_SECRET_ACTIVE_KEY" },
      ),
      allowHttp: setting(
        "WEBHOOK_ALLOW_HTTP: deliver to plain-http endpoint URLs. Local development only: the service refuses `true` in production (NODE_ENV=production, as this chart runs it).",
        false,
        boolean,
        { env: "WEBHOOK_ALLOW_HTTP" },
      ),
      allowedDestinations: setting(
        "WEBHOOK_ALLOWED_DESTINATIONS: host names (`hooks.internal`, `*.corp.example`) and CIDR ranges an operator admits despite the SSRF rules (loopback, private, link-local, CGNAT, … are refused otherwise). Empty by default: only public addresses are delivered to.",
        [],
        arrayOf(nonEmptyString),
        { env: "WEBHOOK_ALLOWED_DESTINATIONS" },
      ),
    },
    internetEgress: {
      ports: [443],
      purpose: "deliveries to partner endpoints over HTTPS.",
    },
    resources: SMALL,
    autoscaling: { maxReplicas: 6 },
  },
  {
    name: "batch-worker",
    description:
      "Orrery batch-worker: batches of chart computations (BatchService over gRPC, work items over Kafka, results in Postgres, progress in Redis).",
    http: { port: 9404, serves: OPS_ENDPOINTS },
    grpc: { port: 50054, serves: "BatchService" },
    database: true,
    redis: "shared",
    kafka: true,
    keda: { topic: "orrery.batch.items.v1" },
    calledBy: ["gateway"],
    resources: {
      requests: { cpu: "500m", memory: "256Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    },
    autoscaling: { maxReplicas: 12 },
  },
  {
    name: "analytics",
    description:
      "Orrery analytics: usage rollups and reports built from orrery.usage.v1 (AnalyticsService over gRPC).",
    http: { port: 9405, serves: OPS_ENDPOINTS },
    grpc: { port: 50055, serves: "AnalyticsService" },
    database: true,
    kafka: true,
    keda: { topic: "orrery.usage.v1", consumerGroup: "analytics-key-usage" },
    calledBy: ["gateway"],
    resources: {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    },
    autoscaling: { maxReplicas: 12 },
  },
  {
    name: "realtime",
    description:
      "Orrery realtime: domain events fanned out to an account's WebSocket connections, channel history in Redis Streams.",
    http: {
      port: 8090,
      serves: "WebSocket upgrades proxied by the gateway, /healthz, /readyz and /metrics",
    },
    redis: "shared",
    kafka: true,
    calledBy: ["gateway"],
    upstreams: [
      {
        key: "apiKey",
        service: "api-key",
        env: "APIKEY_SERVICE_URL",
        purpose: "where API keys presented on upgrade are verified",
      },
    ],
    secrets: {
      realtimeTokenSecret: {
        env: "REALTIME_TOKEN_SECRET",
        doc: "the HMAC secret (at least 32 characters) realtime tokens are signed with; the same Secret as the gateway chart's, which mints them.",
        secretName: "realtime-token-secret",
        secretKey: "secret",
      },
    },
    resources: SMALL,
    autoscaling: { maxReplicas: 10 },
  },
];
