import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { decodeInvalidation, KEY_CACHE_INVALIDATION_CHANNEL } from "@orrery/api-keys";
import { createRedisConnection } from "@orrery/cache";
import { decodeEvent, TOPICS } from "@orrery/events";
import type { Logger } from "@orrery/telemetry";
import type { Kafka } from "kafkajs";
import type { VerificationCache } from "./api-key-verification-cache.js";

/** Events after which an account's cached verifications are stale. */
const INVALIDATING_EVENTS = new Set([
  "orrery.key.rotated",
  "orrery.key.revoked",
  "orrery.account.plan_changed",
  "orrery.account.suspended",
  "orrery.account.reinstated",
]);

export interface InvalidationListenerOptions {
  readonly cache: VerificationCache;
  readonly redisUrl: string;
  readonly kafka: Kafka;
  readonly logger: Logger;
  /** How often L2 invalidations that failed (Redis down) are retried. */
  readonly retryIntervalMs: number;
}

/**
 * Feeds `cache.invalidateAccount` from two paths: api-key's Redis pub/sub message (fast, sent
 * right after the commit) and the orrery.accounts.v1 event from its outbox (durable, for when a
 * message was missed). Every replica must see every event, so each consumes the topic in a
 * group of its own, from the latest offset, committing nothing: it leaves no state behind.
 */
export function startInvalidationListeners(options: InvalidationListenerOptions): {
  stop(): Promise<void>;
} {
  const { cache, logger } = options;
  const subscriber = createRedisConnection(options.redisUrl, {
    connectionName: "gateway-auth-invalidations",
  });
  let subscribedOnce = false;
  subscriber.on("ready", () => {
    void subscriber.subscribe(KEY_CACHE_INVALIDATION_CHANNEL).then(
      () => {
        // Messages published while we were disconnected are lost: start over.
        if (subscribedOnce) cache.clearLocal();
        subscribedOnce = true;
      },
      (error: unknown) => logger.warn({ err: error }, "could not subscribe to key invalidations"),
    );
  });
  subscriber.on("message", (_channel: string, message: string) => {
    const accountId = decodeInvalidation(message);
    if (accountId !== undefined) void cache.invalidateAccount(accountId);
  });

  const consumer = options.kafka.consumer({
    groupId: `gateway-auth-${hostname()}-${randomUUID().slice(0, 8)}`,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
  const started = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.accounts, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        try {
          const event = decodeEvent(message.headers, message.value);
          if (event !== undefined && INVALIDATING_EVENTS.has(event.type)) {
            await cache.invalidateAccount(event.accountId);
          }
        } catch (error) {
          logger.warn({ err: error }, "skipping an unreadable orrery.accounts.v1 event");
        }
      },
    });
  })().catch((error: unknown) =>
    logger.error({ err: error }, "account events consumer failed to start; relying on pub/sub"),
  );

  const retry = setInterval(() => void cache.retryPendingInvalidations(), options.retryIntervalMs);
  retry.unref();

  return {
    async stop() {
      clearInterval(retry);
      await started;
      await consumer.disconnect().catch(() => undefined);
      subscriber.disconnect();
    },
  };
}
