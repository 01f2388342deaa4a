import type { UsageCount, UsageRepository } from "../domain/usage-ledger.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** Monthly usage in Postgres. */
export class PrismaUsageRepository implements UsageRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async save(counts: readonly UsageCount[]): Promise<void> {
    if (counts.length === 0) return;
    // One statement for the whole batch; GREATEST keeps a count from going backwards when a
    // replica flushes a value read before another replica's newer one.
    await this.prisma.$executeRaw`
      INSERT INTO usage_counters (account_id, scope, cycle_start, cycle_end, used, updated_at)
      SELECT account_id, scope, cycle_start, cycle_end, used, now()
      FROM unnest(
        ${counts.map((count) => count.accountId)}::text[],
        ${counts.map((count) => count.scope)}::text[],
        ${counts.map((count) => count.cycleStart.toISOString())}::timestamptz[],
        ${counts.map((count) => count.cycleEnd.toISOString())}::timestamptz[],
        ${counts.map((count) => String(count.used))}::bigint[]
      ) AS batch (account_id, scope, cycle_start, cycle_end, used)
      ON CONFLICT (account_id, scope, cycle_start) DO UPDATE
        SET used = GREATEST(usage_counters.used, EXCLUDED.used), updated_at = now()`;
  }

  async activeCounts(): Promise<UsageCount[]> {
    const rows = await this.prisma.usageCounter.findMany({
      where: { cycleEnd: { gt: new Date() } },
    });
    return rows.map((row) => ({
      accountId: row.accountId,
      scope: row.scope,
      cycleStart: row.cycleStart,
      cycleEnd: row.cycleEnd,
      used: Number(row.used),
    }));
  }
}
