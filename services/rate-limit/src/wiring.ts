import type { AnyOrreryEvent } from "@orrery/events";
import { RedisLimitStore } from "@orrery/limits";
import type { PolicyStore } from "@orrery/policy";
import { RateLimitService as EnvoyRateLimitService } from "@orrery/proto/envoy/service/ratelimit/v3/rls";
import { RateLimitService } from "@orrery/proto/ratelimit/v1/rate_limit";
import type { RpcServer } from "@orrery/rpc";
import type { Logger } from "@orrery/telemetry";
import type { Redis } from "ioredis";
import { TelemetryDecisionObserver } from "./adapters/decision-observer.js";
import { PrismaQuotaNotifications } from "./adapters/prisma-quota-notifications.js";
import { PrismaUsageRepository } from "./adapters/prisma-usage-repository.js";
import { RedisUsageCounters } from "./adapters/redis-usage-counters.js";
import { type AccountDirectory, CachedAccountDirectory } from "./domain/accounts.js";
import { QuotaThresholdWatcher } from "./domain/quota-thresholds.js";
import { RateLimiter } from "./domain/rate-limiter.js";
import { UsageLedger } from "./domain/usage-ledger.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { check } from "./transport/grpc/check.js";
import { checkBatch } from "./transport/grpc/check-batch.js";
import { getUsage } from "./transport/grpc/get-usage.js";
import { shouldRateLimit } from "./transport/grpc/should-rate-limit.js";
import { onAccountEvent } from "./transport/kafka/on-account-event.js";
import { onUsageEvent } from "./transport/kafka/on-usage-event.js";

export interface RateLimitWiringOptions {
  readonly logger: Logger;
  readonly policies: PolicyStore;
  /** The decisions' connection: tight command timeout, auto-pipelining. */
  readonly redis: Redis;
  readonly prisma: PrismaClient;
  readonly accountDirectory: AccountDirectory;
  readonly accountCacheTtlMs: number;
  readonly envoyDomain: string;
}

export interface RateLimitWiring {
  readonly limiter: RateLimiter;
  readonly ledger: UsageLedger;
  readonly accounts: CachedAccountDirectory;
  /** Handles the gateway's usage events: what its own decisions charged. */
  readonly onUsageEvent: (event: AnyOrreryEvent) => Promise<void>;
  /** Handles api-key's account events: drops what this replica cached about the account. */
  readonly onAccountEvent: (event: AnyOrreryEvent) => void;
  /** Serves orrery.ratelimit.v1.RateLimitService and Envoy's RateLimitService. */
  register(server: RpcServer): void;
}

/** The service's domain over its adapters; main.ts declares the processes around it. */
export function wireRateLimit(options: RateLimitWiringOptions): RateLimitWiring {
  const { logger, policies, redis, prisma } = options;
  const accounts = new CachedAccountDirectory(options.accountDirectory, {
    ttlMs: options.accountCacheTtlMs,
    maxEntries: 100_000,
  });
  const ledger = new UsageLedger({
    counters: new RedisUsageCounters(redis),
    repository: new PrismaUsageRepository(prisma),
    onError: (operation, error) => logger.warn({ err: error, operation }, "usage ledger failed"),
  });
  const thresholds = new QuotaThresholdWatcher(
    new PrismaQuotaNotifications(prisma, "/orrery/rate-limit"),
    {
      thresholdsPercent: () => policies.policy.quotaThresholdsPercent,
      onError: (error) => logger.warn({ err: error }, "quota threshold not recorded; will retry"),
    },
  );
  const limiter = new RateLimiter({
    policy: () => policies.policy,
    store: new RedisLimitStore(redis),
    accounts,
    ledger,
    thresholds,
    observer: new TelemetryDecisionObserver(logger),
  });
  return {
    limiter,
    ledger,
    accounts,
    onUsageEvent: onUsageEvent({ ledger, thresholds }),
    onAccountEvent: onAccountEvent(accounts),
    register(server) {
      server.register(RateLimitService, {
        check: check(limiter),
        checkBatch: checkBatch(limiter),
        getUsage: getUsage(limiter),
      });
      server.register(EnvoyRateLimitService, {
        shouldRateLimit: shouldRateLimit(limiter, () => policies.policy, options.envoyDomain),
      });
    },
  };
}
