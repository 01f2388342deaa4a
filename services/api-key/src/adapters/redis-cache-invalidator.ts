import { encodeInvalidation, KEY_CACHE_INVALIDATION_CHANNEL } from "@orrery/key-contract";
import type { Redis } from "ioredis";
import type { CacheInvalidator } from "../domain/ports.js";

/** Publishes "this account's cached verifications are stale" to every gateway replica. */
export class RedisCacheInvalidator implements CacheInvalidator {
  constructor(private readonly redis: Redis) {}

  async accountChanged(accountId: string): Promise<void> {
    await this.redis.publish(KEY_CACHE_INVALIDATION_CHANNEL, encodeInvalidation(accountId));
  }
}
