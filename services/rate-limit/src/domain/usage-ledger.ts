/** A monthly counter: an account's ("account") or a key's ("key:<key id>"). */
export interface UsageScope {
  readonly accountId: string;
  readonly scope: string;
}

export interface UsageCount extends UsageScope {
  readonly cycleStart: Date;
  readonly cycleEnd: Date;
  readonly used: number;
}

/** The live counters (Redis). */
export interface UsageCounterStore {
  read(scopes: readonly UsageScope[]): Promise<UsageCount[]>;
  /** Whether Redis is missing the restored usage, and the generation id to restore it under. */
  restoreGeneration(): Promise<string | undefined>;
  /** Adds persisted usage back, at most once per counter and generation. */
  restore(generation: string, counts: readonly UsageCount[]): Promise<void>;
  markRestored(generation: string): Promise<void>;
}

/** The durable copy (Postgres). */
export interface UsageRepository {
  /** Keeps the larger of the stored and the given count per cycle: counts only grow. */
  save(counts: readonly UsageCount[]): Promise<void>;
  /** Counts of cycles that have not ended. */
  activeCounts(): Promise<UsageCount[]>;
}

export interface UsageLedgerOptions {
  readonly counters: UsageCounterStore;
  readonly repository: UsageRepository;
  readonly onError: (operation: "flush" | "restore", error: unknown) => void;
}

/**
 * Makes monthly usage durable. Decisions mark the counters they charged; `flush` copies those
 * from Redis to Postgres, so a Redis that loses its data loses at most one flush interval of
 * usage. `restoreIfNeeded` notices a Redis without our generation marker and puts the persisted
 * counts back (adding to whatever was counted since), once per generation across replicas.
 */
export class UsageLedger {
  private dirty = new Map<string, UsageScope>();
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: UsageLedgerOptions) {}

  markCharged(scope: UsageScope): void {
    this.dirty.set(`${scope.accountId}\n${scope.scope}`, scope);
  }

  /** Runs the periodic work once: restore when Redis lost its data, then flush. */
  async tick(): Promise<void> {
    try {
      await this.restoreIfNeeded();
    } catch (error) {
      this.options.onError("restore", error);
    }
    await this.flush();
  }

  flush(): Promise<void> {
    this.flushing ??= this.flushDirty().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async restoreIfNeeded(): Promise<boolean> {
    const generation = await this.options.counters.restoreGeneration();
    if (generation === undefined) return false;
    const counts = await this.options.repository.activeCounts();
    await this.options.counters.restore(generation, counts);
    await this.options.counters.markRestored(generation);
    return true;
  }

  private async flushDirty(): Promise<void> {
    if (this.dirty.size === 0) return;
    const batch = this.dirty;
    this.dirty = new Map();
    try {
      const counts = await this.options.counters.read([...batch.values()]);
      await this.options.repository.save(counts);
    } catch (error) {
      // Try again next time, together with whatever was charged meanwhile.
      for (const [id, scope] of batch) if (!this.dirty.has(id)) this.dirty.set(id, scope);
      this.options.onError("flush", error);
    }
  }
}
