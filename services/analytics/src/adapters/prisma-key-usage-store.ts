import type { KeyUsageStore, UsageBucket, UsageRecord } from "../domain/key-usage.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** Rows of counted event ids older than this are pruned: the topic keeps events 7 days. */
const SEEN_RETENTION_DAYS = 8;

export class PrismaKeyUsageStore implements KeyUsageStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** One statement: remember the event id, and only if it is new, add to the bucket. */
  async add(record: UsageRecord): Promise<boolean> {
    const isError = record.status >= 400 && !record.rateLimited ? 1 : 0;
    const changed = await this.prisma.$executeRaw`
      WITH fresh AS (
        INSERT INTO usage_events_seen (event_id) VALUES (${record.eventId})
        ON CONFLICT (event_id) DO NOTHING
        RETURNING 1
      )
      INSERT INTO key_usage_daily
        (account_id, key_id, day, route, requests, errors, rate_limited, cache_hits, bytes)
      SELECT ${record.accountId}, ${record.keyId}, ${record.day}::date, ${record.route}, 1,
             ${isError}, ${record.rateLimited ? 1 : 0}, ${record.cacheHit ? 1 : 0},
             ${record.bytes}::bigint
      FROM fresh
      ON CONFLICT (account_id, key_id, day, route) DO UPDATE SET
        requests = key_usage_daily.requests + 1,
        errors = key_usage_daily.errors + EXCLUDED.errors,
        rate_limited = key_usage_daily.rate_limited + EXCLUDED.rate_limited,
        cache_hits = key_usage_daily.cache_hits + EXCLUDED.cache_hits,
        bytes = key_usage_daily.bytes + EXCLUDED.bytes`;
    return changed > 0;
  }

  async buckets(
    accountId: string,
    keyId: string,
    fromDay: string,
    toDay: string,
  ): Promise<UsageBucket[]> {
    const rows = await this.prisma.keyUsageDaily.findMany({
      where: {
        accountId,
        keyId,
        day: { gte: new Date(`${fromDay}T00:00:00Z`), lte: new Date(`${toDay}T00:00:00Z`) },
      },
      orderBy: [{ day: "asc" }, { route: "asc" }],
    });
    return rows.map((row) => ({
      day: row.day.toISOString().slice(0, 10),
      route: row.route,
      requests: row.requests,
      errors: row.errors,
      rateLimited: row.rateLimited,
      cacheHits: row.cacheHits,
      bytes: row.bytes,
    }));
  }

  async pruneSeenEvents(): Promise<number> {
    const { count } = await this.prisma.usageEventSeen.deleteMany({
      where: { seenAt: { lt: new Date(Date.now() - SEEN_RETENTION_DAYS * 24 * 60 * 60 * 1000) } },
    });
    return count;
  }
}
