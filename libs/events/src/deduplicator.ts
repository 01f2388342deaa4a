import type { Redis } from "ioredis";

/**
 * Remembers which event ids a consumer group has handled, so a redelivered event (after a
 * rebalance or a crash before the offset commit) is not handled twice.
 */
export interface Deduplicator {
  wasHandled(eventId: string): Promise<boolean>;
  markHandled(eventId: string): Promise<void>;
}

export class RedisDeduplicator implements Deduplicator {
  constructor(
    private readonly redis: Redis,
    private readonly groupId: string,
    /** Longer than any redelivery window: Kafka retention of the consumed topics is days. */
    private readonly ttlSeconds = 7 * 24 * 60 * 60,
  ) {}

  private key(eventId: string): string {
    return `dedupe:${this.groupId}:${eventId}`;
  }

  async wasHandled(eventId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(eventId))) === 1;
  }

  async markHandled(eventId: string): Promise<void> {
    await this.redis.set(this.key(eventId), "1", "EX", this.ttlSeconds);
  }
}
