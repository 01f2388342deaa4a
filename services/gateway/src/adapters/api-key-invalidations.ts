import { createRedisConnection } from "@orrery/cache";
import type { AnyOrreryEvent } from "@orrery/events";
import { decodeInvalidation, KEY_CACHE_INVALIDATION_CHANNEL } from "@orrery/key-contract";
import type { Logger } from "@orrery/telemetry";
import type { VerificationCache } from "./api-key-verification-cache.js";

/** Events after which an account's cached verifications are stale. */
const INVALIDATING_EVENTS: ReadonlySet<string> = new Set([
  "orrery.key.rotated",
  "orrery.key.revoked",
  "orrery.account.plan_changed",
  "orrery.account.suspended",
  "orrery.account.reinstated",
]);

/**
 * api-key's pub/sub message, sent right after its commit: the fast path to every replica. A
 * subscriber needs a connection of its own; messages published while it was disconnected are
 * lost, so a reconnect forgets this process's cached verifications.
 */
export function subscribeToInvalidations(
  cache: VerificationCache,
  redisUrl: string,
  logger: Logger,
): { close(): void } {
  const subscriber = createRedisConnection(redisUrl, {
    connectionName: "gateway-auth-invalidations",
  });
  let subscribedOnce = false;
  subscriber.on("ready", () => {
    void subscriber.subscribe(KEY_CACHE_INVALIDATION_CHANNEL).then(
      () => {
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
  return { close: () => subscriber.disconnect() };
}

/** orrery.accounts.v1, from api-key's outbox: the durable path, for a message that was missed. */
export function invalidateOnAccountEvent(cache: VerificationCache) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    if (INVALIDATING_EVENTS.has(event.type)) await cache.invalidateAccount(event.accountId);
  };
}
