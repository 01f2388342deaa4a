import { bootstrapService } from "@orrery/bootstrap";
import { TOPICS } from "@orrery/events";
import { AccountServiceDirectory } from "./adapters/account-service-directory.js";
import { loadServiceConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { wireRateLimit } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "rate-limit", mainModuleUrl: import.meta.url, config });
const policies = service.policies(config.RATE_LIMIT_POLICY_FILE);

// Decisions need Redis and nothing else: Postgres keeps the monthly counts and the threshold
// notices (copied later), Kafka brings usage events (consumed later).
const redis = service.redis(config.REDIS_URL, {
  connectionName: "rate-limit",
  readiness: "essential",
  commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  // Decisions arrive many at a time (CheckBatch, concurrent calls): one write for many saves CPU.
  autoPipelining: true,
});
const postgres = service.postgres(config, { readiness: "reported" });
const prisma = service.prisma(PrismaClient, postgres);
const kafka = service.kafka(config, { readiness: "reported" });
service.outboxRelay(postgres, service.publisher(kafka));

const accountDirectory = new AccountServiceDirectory({
  target: config.APIKEY_SERVICE_URL,
  timeoutMs: config.ACCOUNT_LOOKUP_TIMEOUT_MS,
});
service.onShutdown("account-service-client", async () => accountDirectory.close());

const rateLimit = wireRateLimit({
  logger: service.logger,
  policies,
  redis,
  prisma,
  accountDirectory,
  accountCacheTtlMs: config.ACCOUNT_CACHE_TTL_MS,
  envoyDomain: config.ENVOY_DOMAIN,
});
service.broadcastConsumer({
  kafka,
  groupPrefix: "rate-limit.account-cache",
  topics: [TOPICS.accounts],
  handler: rateLimit.onAccountEvent,
});
// What the gateway's own decisions charged: marked for the flush, and watched for quota
// thresholds. A new group starts at the latest offset: older events are history.
service.consumer({
  kafka,
  groupId: config.USAGE_CONSUMER_GROUP,
  topics: [TOPICS.usage],
  handler: rateLimit.onUsageEvent,
  fromBeginning: false,
});

// Persist usage every interval and at shutdown; on every (re)connect check whether Redis lost it.
service.every("usage-ledger", config.USAGE_FLUSH_INTERVAL_MS, () => rateLimit.ledger.tick(), {
  atShutdown: () => rateLimit.ledger.flush(),
});
redis.on("ready", () => void rateLimit.ledger.tick());

rateLimit.register(service.grpcServer(config));
await service.start();
