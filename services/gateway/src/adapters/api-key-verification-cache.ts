import { createHash } from "node:crypto";
import type { Logger } from "@orrery/telemetry";
import type { Redis } from "ioredis";
import type { Verdict } from "../domain/authentication.js";

export type VerdictSource = "l1" | "l2" | "rpc";

export interface VerificationCacheOptions {
  /** L2: a fail-fast connection with a short command timeout. */
  readonly redis: Redis;
  /** The source of truth: VerifyKey on the api-key service. */
  readonly verify: (key: string) => Promise<Verdict>;
  /** false: every lookup is a VerifyKey call (benchmarks, debugging). */
  readonly enabled: boolean;
  readonly l1TtlMs: number;
  readonly l2TtlMs: number;
  readonly l1MaxEntries: number;
  /** After an L2 failure, L2 is skipped for this long. */
  readonly l2BreakerMs: number;
  readonly logger: Logger;
}

interface L1Entry {
  readonly verdict: Verdict;
  readonly expiresAt: number;
}

const PREFIX = "orrery:auth:v1";

/** Cache keys are a SHA-256 of the key: neither memory nor Redis ever holds a key. */
function digestOf(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
const GENERATION = `${PREFIX}:generation`;
const entryKey = (digest: string) => `${PREFIX}:entry:${digest}`;
const accountIndex = (accountId: string) => `${PREFIX}:account:${accountId}`;

// Writes an entry only if no invalidation happened since the lookup started (the generation
// it read is still current), and files it under its account so an invalidation can find it.
const STORE_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if KEYS[3] ~= nil then
  redis.call('SADD', KEYS[3], KEYS[2])
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
return 1`;

// Bumps the generation (so in-flight lookups do not store what they fetched before) and
// deletes every entry of the account.
const INVALIDATE_SCRIPT = `
redis.call('INCR', KEYS[1])
local entries = redis.call('SMEMBERS', KEYS[2])
for _, entry in ipairs(entries) do redis.call('DEL', entry) end
redis.call('DEL', KEYS[2])
return #entries`;

/**
 * Verified keys, cached briefly in two levels: L1 in this process, L2 in Redis shared by every
 * replica. Entries are keyed by a SHA-256 of the key, never the key. A change to an account
 * (revocation, rotation, plan change, suspension) reaches `invalidateAccount` on every replica
 * within moments; the generation checks make sure a verification that was in flight when the
 * change happened is not cached afterwards. Redis trouble never fails a request: L2 is skipped
 * and the api-key service answers.
 */
export class VerificationCache {
  private readonly l1 = new Map<string, L1Entry>();
  private readonly l1ByAccount = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<Verdict>>();
  /** Accounts whose L2 entries could not be deleted yet: their L2 hits are ignored. */
  private readonly pendingL2Invalidations = new Set<string>();
  private localGeneration = 0;
  private l2SkipUntil = 0;

  constructor(private readonly options: VerificationCacheOptions) {}

  /** The warm path: a verdict from this process's memory, synchronously (no await, no I/O). */
  cached(key: string): { verdict: Verdict; source: "l1" } | undefined {
    if (!this.options.enabled) return undefined;
    const digest = digestOf(key);
    const entry = this.l1.get(digest);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > Date.now()) return { verdict: entry.verdict, source: "l1" };
    this.forgetLocal(digest, entry.verdict);
    return undefined;
  }

  async lookup(key: string): Promise<{ verdict: Verdict; source: VerdictSource }> {
    if (!this.options.enabled) return { verdict: await this.options.verify(key), source: "rpc" };
    const hit = this.cached(key);
    if (hit !== undefined) return hit;
    const digest = digestOf(key);
    const startedAt = this.localGeneration;
    const shared = await this.readL2(digest);
    if (shared.verdict !== undefined) {
      this.remember(digest, shared.verdict, startedAt);
      return { verdict: shared.verdict, source: "l2" };
    }
    let pending = this.inFlight.get(digest);
    if (pending === undefined) {
      pending = this.fetch(key, digest, startedAt, shared.generation);
      this.inFlight.set(digest, pending);
      void pending.finally(() => this.inFlight.delete(digest)).catch(() => undefined);
    }
    return { verdict: await pending, source: "rpc" };
  }

  /** Forgets every cached verdict of the account, in Redis and then here. */
  async invalidateAccount(accountId: string): Promise<void> {
    // L2 first: a request on this replica that misses L1 meanwhile must not refill it from L2.
    try {
      await this.options.redis.eval(INVALIDATE_SCRIPT, 2, GENERATION, accountIndex(accountId));
      this.pendingL2Invalidations.delete(accountId);
    } catch (error) {
      this.pendingL2Invalidations.add(accountId);
      this.options.logger.warn(
        { err: error, accountId },
        "could not invalidate cached verifications in Redis; ignoring them until it works",
      );
    }
    this.localGeneration += 1;
    const digests = this.l1ByAccount.get(accountId);
    if (digests === undefined) return;
    for (const digest of digests) this.l1.delete(digest);
    this.l1ByAccount.delete(accountId);
  }

  /** Retries L2 invalidations that failed while Redis was unreachable. */
  async retryPendingInvalidations(): Promise<void> {
    for (const accountId of [...this.pendingL2Invalidations]) {
      await this.invalidateAccount(accountId);
    }
  }

  /** After missing bus messages (a reconnect): nothing in L1 can be trusted. */
  clearLocal(): void {
    this.localGeneration += 1;
    this.l1.clear();
    this.l1ByAccount.clear();
  }

  get size(): number {
    return this.l1.size;
  }

  /** `generation` is what L2 said before the call; undefined when Redis is not usable. */
  private async fetch(
    key: string,
    digest: string,
    startedAt: number,
    generation: string | undefined,
  ): Promise<Verdict> {
    const verdict = await this.options.verify(key);
    if (generation !== undefined) await this.writeL2(digest, verdict, generation);
    this.remember(digest, verdict, startedAt);
    return verdict;
  }

  private ttlFor(verdict: Verdict, ttlMs: number): number {
    if (verdict.kind === "invalid") return ttlMs;
    const expiresAt = verdict.identity.expiresAt;
    return expiresAt === undefined ? ttlMs : Math.min(ttlMs, expiresAt - Date.now());
  }

  private remember(digest: string, verdict: Verdict, startedAt: number): void {
    // An invalidation arrived while this verdict was being fetched: it may be stale already.
    if (startedAt !== this.localGeneration) return;
    const ttl = this.ttlFor(verdict, this.options.l1TtlMs);
    if (ttl <= 0) return;
    if (this.l1.size >= this.options.l1MaxEntries) {
      const oldest = this.l1.keys().next().value;
      if (oldest !== undefined) {
        const entry = this.l1.get(oldest);
        if (entry !== undefined) this.forgetLocal(oldest, entry.verdict);
      }
    }
    this.l1.set(digest, { verdict, expiresAt: Date.now() + ttl });
    if (verdict.kind !== "invalid") {
      const accountId = verdict.identity.accountId;
      let digests = this.l1ByAccount.get(accountId);
      if (digests === undefined) {
        digests = new Set();
        this.l1ByAccount.set(accountId, digests);
      }
      digests.add(digest);
    }
  }

  private forgetLocal(digest: string, verdict: Verdict): void {
    this.l1.delete(digest);
    if (verdict.kind === "invalid") return;
    const digests = this.l1ByAccount.get(verdict.identity.accountId);
    digests?.delete(digest);
    if (digests?.size === 0) this.l1ByAccount.delete(verdict.identity.accountId);
  }

  private l2Available(): boolean {
    return Date.now() >= this.l2SkipUntil;
  }

  private l2Failed(error: unknown): void {
    this.l2SkipUntil = Date.now() + this.options.l2BreakerMs;
    this.options.logger.warn(
      { err: error },
      "verification cache: Redis failed; skipping L2 for a while",
    );
  }

  /** The entry and the current generation, in one round trip. */
  private async readL2(digest: string): Promise<{ verdict?: Verdict; generation?: string }> {
    if (!this.l2Available()) return {};
    try {
      const [raw, generation] = await this.options.redis.mget(entryKey(digest), GENERATION);
      const current = generation ?? "0";
      if (raw === null || raw === undefined) return { generation: current };
      const verdict = JSON.parse(raw) as Verdict;
      if (
        verdict.kind !== "invalid" &&
        this.pendingL2Invalidations.has(verdict.identity.accountId)
      ) {
        return { generation: current };
      }
      return { verdict, generation: current };
    } catch (error) {
      this.l2Failed(error);
      return {};
    }
  }

  private async writeL2(digest: string, verdict: Verdict, generation: string): Promise<void> {
    const ttl = Math.floor(this.ttlFor(verdict, this.options.l2TtlMs));
    if (ttl <= 0 || !this.l2Available()) return;
    const keys =
      verdict.kind === "invalid"
        ? [GENERATION, entryKey(digest)]
        : [GENERATION, entryKey(digest), accountIndex(verdict.identity.accountId)];
    try {
      await this.options.redis.eval(
        STORE_SCRIPT,
        keys.length,
        ...keys,
        generation,
        JSON.stringify(verdict),
        String(ttl),
        String(this.options.l2TtlMs * 2),
      );
    } catch (error) {
      this.l2Failed(error);
    }
  }
}
