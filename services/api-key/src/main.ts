import { bootstrapService } from "@orrery/bootstrap";
import { AccountService } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import { RedisCacheInvalidator } from "./adapters/redis-cache-invalidator.js";
import { loadServiceConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { accountService, apiKeyService } from "./transport/grpc/services.js";
import { buildDomain } from "./wiring.js";

const config = loadServiceConfig();
const service = bootstrapService({ service: "api-key", mainModuleUrl: import.meta.url, config });

// Keys are verified and managed in Postgres: without it there is nothing to serve. Redis only
// carries fast cache invalidations and Kafka the events, both of which the outbox delivers later.
const postgres = service.postgres(config, { readiness: "essential" });
const redis = service.redis(config.REDIS_URL, {
  connectionName: "api-key",
  readiness: "reported",
  commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
});
const kafka = service.kafka(config, { readiness: "reported" });
service.outboxRelay(postgres, service.publisher(kafka));

const domain = buildDomain({
  config,
  logger: service.logger,
  invalidator: new RedisCacheInvalidator(redis),
  pool: postgres.primary,
  prisma: service.prisma(PrismaClient, postgres),
});
service.every("last-used", config.LAST_USED_FLUSH_INTERVAL_MS, () => domain.lastUsed.flush(), {
  atShutdown: () => domain.lastUsed.flush(),
});

const grpc = service.grpcServer(config);
grpc.register(ApiKeyService, apiKeyService(domain.keys));
grpc.register(AccountService, accountService(domain.accounts));
await service.start();
