import type { Logger } from "@orrery/telemetry";
import type pg from "pg";
import { createAddressResolver } from "./adapters/dns-resolver.js";
import { PostgresDeliveryStore } from "./adapters/postgres-delivery-store.js";
import { PostgresEndpointStore } from "./adapters/postgres-endpoint-store.js";
import { PostgresMessageStore } from "./adapters/postgres-message-store.js";
import { UndiciSender } from "./adapters/undici-sender.js";
import type { Config } from "./config.js";
import { DestinationPolicy } from "./domain/destination-policy.js";
import { Dispatcher } from "./domain/dispatcher.js";
import { EndpointService } from "./domain/endpoints.js";
import { Maintenance } from "./domain/maintenance.js";
import { MessageService } from "./domain/messages.js";
import { SecretBox } from "./domain/secret-box.js";
import { TestEvents } from "./domain/test-events.js";

export interface WebhookDomain {
  readonly endpoints: EndpointService;
  readonly messages: MessageService;
  readonly tests: TestEvents;
  readonly dispatcher: Dispatcher;
  readonly maintenance: Maintenance;
  readonly sender: UndiciSender;
}

/** Adapters built and handed to the domain, in one place. */
export function buildDomain(
  config: Config,
  pool: pg.Pool,
  logger: Logger,
  version: string,
): WebhookDomain {
  const now = () => new Date();
  const policy = new DestinationPolicy({
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    allowList: config.WEBHOOK_ALLOWED_DESTINATIONS ?? [],
  });
  const resolver = createAddressResolver(config.WEBHOOK_DNS_SERVERS);
  const secrets = new SecretBox(
    config.WEBHOOK_SECRET_KEYS,
    config.WEBHOOK_SECRET_ACTIVE_KEY ?? (config.WEBHOOK_SECRET_KEYS[0]?.id as string),
  );
  const endpoints = new EndpointService({
    store: new PostgresEndpointStore(pool),
    policy,
    resolver,
    secrets,
    now,
    rotationGraceMs: config.WEBHOOK_ROTATION_GRACE_MS,
  });
  const messages = new MessageService({
    store: new PostgresMessageStore(pool),
    now,
    maxAttempts: config.WEBHOOK_RETRY_SCHEDULE.length,
    batchProgressIntervalMs: config.WEBHOOK_BATCH_PROGRESS_INTERVAL_MS,
  });
  const deliveries = new PostgresDeliveryStore(pool);
  const sender = new UndiciSender({
    policy,
    resolver,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    connectTimeoutMs: config.WEBHOOK_CONNECT_TIMEOUT_MS,
    connectionsPerOrigin: config.WEBHOOK_ENDPOINT_CONCURRENCY,
  });
  const onError = (error: unknown, what: string) =>
    logger.warn({ err: error }, `webhook ${what} failed; retrying`);
  const dispatcher = new Dispatcher({
    store: deliveries,
    sender,
    secrets,
    retry: {
      scheduleMs: config.WEBHOOK_RETRY_SCHEDULE,
      jitter: config.WEBHOOK_RETRY_JITTER,
      maxRetryAfterMs: config.WEBHOOK_RETRY_AFTER_MAX_MS,
    },
    now,
    userAgent: `Orrery-Webhooks/${version}`,
    claim: {
      batchSize: config.WEBHOOK_CLAIM_BATCH_SIZE,
      perEndpointConcurrency: config.WEBHOOK_ENDPOINT_CONCURRENCY,
      // Longer than any attempt can take, so a live dispatcher never loses its claim.
      leaseMs: 2 * config.WEBHOOK_TIMEOUT_MS + 5_000,
      endpointsPerClaim: config.WEBHOOK_CLAIM_ENDPOINTS,
    },
    maxInFlight: config.WEBHOOK_MAX_IN_FLIGHT,
    minClaimIntervalMs: 10,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    disableAfterMs: config.WEBHOOK_DISABLE_AFTER_MS,
    failingAfterAttempts: config.WEBHOOK_FAILING_AFTER_ATTEMPTS,
    recordBatchSize: 200,
    recordFlushIntervalMs: 5,
    onError,
    onDisabled: (disabled) => {
      for (const endpoint of disabled) {
        logger.info(
          { endpointId: endpoint.endpointId, reason: endpoint.reason },
          "webhook endpoint disabled",
        );
      }
    },
  });
  const maintenance = new Maintenance({
    store: deliveries,
    now,
    retentionMs: config.WEBHOOK_RETENTION_MS,
    leaseCheckIntervalMs: 5_000,
    retentionIntervalMs: 10 * 60_000,
    retentionBatchSize: 1_000,
    onError,
    onReleased: (count) => logger.warn({ count }, "took back expired webhook claims"),
  });
  return {
    endpoints,
    messages,
    tests: new TestEvents(endpoints, messages, now),
    dispatcher,
    maintenance,
    sender,
  };
}
