import { createServer } from "node:http";
import { bootstrapService } from "@orrery/bootstrap";
import { opsRequestHandler } from "@orrery/lifecycle";
import { loadServiceConfig } from "./config.js";
import { EVENTS_STREAM_PATH } from "./transport/http/v1-events-stream.js";
import { onDomainEvents, REALTIME_TOPICS } from "./transport/kafka/on-domain-event.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "realtime", mainModuleUrl: import.meta.url, config });
const { logger } = service;

// Channel history and the cross-pod connection registry live in Redis: without it nothing works.
const redis = service.redis(config.REDIS_URL, {
  connectionName: "realtime",
  readiness: "essential",
  // The partitions consumed at once share round trips.
  autoPipelining: true,
});
const kafka = service.kafka(config, { readiness: "reported" });
const policies = service.policies(config.RATE_LIMIT_POLICY_FILE);
const domain = buildDomain(config, redis, policies, logger);
service.onShutdown("api-key client", async () => domain.close());

// Every pod reads every event (a group of its own) and fans it out to its own subscribers.
service.broadcastConsumer({
  kafka,
  groupPrefix: "realtime",
  topics: REALTIME_TOPICS,
  // A fetched batch's events are appended to history together: one Redis round trip, not one
  // per event. An account's events share a partition, so its channels stay in order.
  batchHandler: onDomainEvents(domain.hub),
  partitionsConsumedConcurrently: 8,
});
service.every("connection-registry", Math.floor(config.REALTIME_CONNECTION_TTL_MS / 3), () =>
  domain.registry.refresh([
    ...domain.endpoint.openConnections(),
    ...domain.stream.openConnections(),
  ]),
);

// HTTP_PORT carries the WebSocket endpoint, the event stream and /healthz, /readyz, /metrics.
const ops = opsRequestHandler({
  lifecycle: service.lifecycle,
  metricsHandler: service.metricsHandler,
});
const server = createServer((request, response) => {
  if (ops(request, response)) return;
  const url = new URL(request.url ?? "/", "http://realtime");
  if (request.method === "GET" && url.pathname === EVENTS_STREAM_PATH) {
    domain.stream.handle(request, response, url).catch((error: unknown) => {
      logger.warn({ err: error }, "event stream failed");
      if (!response.headersSent) response.writeHead(503, { "retry-after": "2" });
      response.end();
    });
    return;
  }
  response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
});
server.on("upgrade", (request, socket, head) =>
  domain.endpoint.handleUpgrade(request, socket, head),
);
service.httpServer(server, {
  beforeClose: async (timeoutMs) => {
    domain.stream.drain();
    await domain.endpoint.drain(timeoutMs);
  },
});
await service.start();
