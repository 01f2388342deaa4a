import type { LimitName } from "./limits.js";

/**
 * All limit state of one scope lives in one hash: the account's (`rl:{acc_1}:account`) or, for
 * a key with limits of its own, the key's (`rl:{acc_1}:key:key_9`). Fields: `burst` and
 * `minute` hold GCRA theoretical arrival times; `c`, `e`, `u` the billing cycle's start, end and
 * request units used; `g` the generation whose restore the counter has had. Every key carries
 * the account id as its hash tag, so a decision over all of an account's limits touches one
 * Redis Cluster slot and runs as one script, reading and writing each hash once.
 */
export function scopeKey(accountId: string, keyId?: string): string {
  return keyId === undefined ? `rl:{${accountId}}:account` : `rl:{${accountId}}:key:${keyId}`;
}

/** The account's sandbox limits (test keys): apart from its live ones, in the same slot. */
export function sandboxKey(accountId: string): string {
  return `rl:{${accountId}}:sandbox`;
}

/** The hash and field of a limit: a rate's TAT field is its name, a quota's count is `u`. */
export function limitLocation(
  accountId: string,
  name: LimitName,
  keyId?: string,
  sandbox = false,
): { key: string; field: string } {
  const scoped = name.startsWith("key-");
  const bare = scoped ? name.slice("key-".length) : name;
  return {
    key:
      sandbox && !scoped
        ? sandboxKey(accountId)
        : scopeKey(accountId, scoped ? (keyId ?? "") : undefined),
    field: bare === "month" ? "u" : bare,
  };
}

/** The hash holding the monthly counter of a usage scope: "account", or "key:<key id>". */
export function quotaKey(accountId: string, scope: string): string {
  return scope === "account"
    ? scopeKey(accountId)
    : scopeKey(accountId, scope.slice("key:".length));
}

/** Set (NX) to a fresh id when Redis starts without our data; the restore is tagged with it. */
export const GENERATION_KEY = "rl:generation";
/** Present once the usage of the current generation was restored from Postgres. */
export const RESTORED_KEY = "rl:generation:restored";

/** Monthly counters outlive their cycle by this much, so the last flush can still read them. */
export const QUOTA_GRACE_SECONDS = 8 * 24 * 60 * 60;
