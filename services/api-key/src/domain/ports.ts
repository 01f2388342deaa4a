import type { Cursor } from "@orrery/db";
import type { NewEvent } from "@orrery/events";
import type { LimitOverrides, PlanName } from "@orrery/policy";
import type { Account, ApiKey, TenantScope } from "./model.js";

/** A key to insert: what the domain decided, plus the hash of its secret. */
export interface NewKeyRecord extends Omit<ApiKey, "lastUsedAt" | "rotatedAt" | "revokedAt"> {
  readonly secretHash: Buffer;
}

export interface KeyPatch {
  readonly updatedAt: Date;
  readonly expiresAt?: Date;
  readonly rotatedAt?: Date;
  readonly replacedByKeyId?: string;
  readonly revokedAt?: Date;
}

/** Work done in one database transaction; events enqueued here go out only if it commits. */
export interface KeyTransaction {
  findAccount(accountId: string): Promise<Account | undefined>;
  countActiveKeys(accountId: string, now: Date): Promise<number>;
  insertKey(record: NewKeyRecord): Promise<ApiKey>;
  /**
   * Applies the patch when the key is in scope and not revoked and, with `activeAt`, also neither
   * replaced nor expired at that time; undefined otherwise. Concurrent callers serialize on the
   * row, so of two racing rotations only one succeeds.
   */
  updateActiveKey(
    scope: TenantScope,
    keyId: string,
    activeAt: Date | undefined,
    patch: KeyPatch,
  ): Promise<ApiKey | undefined>;
  findKey(scope: TenantScope, keyId: string): Promise<ApiKey | undefined>;
  enqueue(event: NewEvent): Promise<void>;
}

/** The verification lookup: by the HMAC of the presented secret, with its account. */
export interface SecretLookup {
  findByHash(secretHash: Buffer): Promise<{ key: ApiKey; account: Account } | undefined>;
}

export interface KeyStore {
  findKey(scope: TenantScope, keyId: string): Promise<ApiKey | undefined>;
  /** Newest first, strictly after the cursor. */
  listKeys(accountId: string, limit: number, after: Cursor | undefined): Promise<ApiKey[]>;
  transaction<T>(work: (transaction: KeyTransaction) => Promise<T>): Promise<T>;
  /** One statement for many keys: lastUsedAt only ever moves forward. */
  recordLastUsed(uses: readonly LastUse[]): Promise<void>;
}

export interface LastUse {
  readonly keyId: string;
  readonly accountId: string;
  readonly usedAt: Date;
}

export interface AccountPatch {
  readonly plan?: PlanName;
  readonly overrides?: LimitOverrides;
  readonly status?: Account["status"];
  readonly suspendedAt?: Date | null;
  readonly suspensionReason?: string | null;
  readonly updatedAt: Date;
}

export interface AccountTransaction {
  /** Reads the account and locks it until the transaction ends. */
  lockAccount(accountId: string): Promise<Account | undefined>;
  findOperatorAccount(): Promise<Account | undefined>;
  insertAccount(account: Account): Promise<Account>;
  updateAccount(accountId: string, patch: AccountPatch): Promise<Account>;
  enqueue(event: NewEvent): Promise<void>;
  /** Keys too: bootstrapping creates the operator account and its first key together. */
  readonly keys: KeyTransaction;
}

export interface AccountStore {
  findAccount(accountId: string): Promise<Account | undefined>;
  listAccounts(limit: number, after: Cursor | undefined): Promise<Account[]>;
  transaction<T>(work: (transaction: AccountTransaction) => Promise<T>): Promise<T>;
}

/**
 * Tells every gateway replica, right after a commit, to drop what it cached about an account's
 * keys. Best effort: the orrery.accounts.v1 event from the same transaction is the durable path.
 */
export interface CacheInvalidator {
  accountChanged(accountId: string): Promise<void>;
}
