import type { LimitOverrides, PlanName } from "@orrery/policy";

/** The facts about an account that decide its limits. */
export interface AccountFacts {
  readonly accountId: string;
  readonly plan: PlanName;
  readonly overrides: LimitOverrides | undefined;
  /** Day of month (1-28, UTC) on which the monthly quota resets. */
  readonly billingCycleAnchorDay: number;
  readonly suspended: boolean;
}

/** Looks accounts up (api-key's AccountService); undefined when there is no such account. */
export interface AccountDirectory {
  get(accountId: string): Promise<AccountFacts | undefined>;
}

interface CacheEntry {
  readonly expiresAt: number;
  readonly value: Promise<AccountFacts | undefined>;
}

/**
 * A per-process cache in front of the directory: one lookup at a time per account (concurrent
 * misses share it), entries live `ttlMs`, and `invalidate` drops an account at once, which the
 * account-events consumer does on every replica when a plan, override or suspension changes.
 * A failed lookup is not cached.
 */
export class CachedAccountDirectory implements AccountDirectory {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly source: AccountDirectory,
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {}

  get(accountId: string): Promise<AccountFacts | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.entries.get(accountId);
    if (cached !== undefined && cached.expiresAt > now) return cached.value;
    if (this.entries.size >= this.options.maxEntries) this.evictExpired(now);
    const value = this.source.get(accountId);
    const entry = { expiresAt: now + this.options.ttlMs, value };
    this.entries.set(accountId, entry);
    value.catch(() => {
      if (this.entries.get(accountId) === entry) this.entries.delete(accountId);
    });
    return value;
  }

  invalidate(accountId: string): void {
    this.entries.delete(accountId);
  }

  private evictExpired(now: number): void {
    for (const [accountId, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(accountId);
    }
    // Still full of live entries: start over rather than grow without bound.
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
  }
}
