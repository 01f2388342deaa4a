import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { decodePageToken, encodePageToken, pageSize } from "@orrery/db";
import { DomainError } from "@orrery/errors";
import type { NewEvent } from "@orrery/events";
import {
  ADMIN_SCOPE,
  generateApiKey,
  isScope,
  type KeyEnvironment,
  parseApiKey,
  randomBase62,
} from "@orrery/key-contract";
import type { LimitOverrides } from "@orrery/policy";
import type { KeyHasher } from "./key-hasher.js";
import type { LastUsedRecorder } from "./last-used-recorder.js";
import { type Account, type ApiKey, accountScope, type Page, type TenantScope } from "./model.js";
import type {
  CacheInvalidator,
  KeyStore,
  KeyTransaction,
  NewKeyRecord,
  SecretLookup,
} from "./ports.js";
import { checkOverrides, compactOverrides, Violations } from "./validation.js";

export type VerificationResult =
  | "VALID"
  | "NOT_FOUND"
  | "REVOKED"
  | "EXPIRED"
  | "INSUFFICIENT_SCOPE"
  | "ACCOUNT_SUSPENDED";

export interface Verification {
  readonly result: VerificationResult;
  /** Set when the secret belongs to a live key: VALID, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED. */
  readonly key?: ApiKey;
  readonly account?: Account;
}

export interface NewKeyInput {
  readonly accountId: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly environment: KeyEnvironment;
  readonly expiresAt: Date | undefined;
  readonly overrides: LimitOverrides;
}

/** A key and its plaintext secret: the one moment the secret exists outside its owner. */
export interface IssuedKey {
  readonly apiKey: ApiKey;
  readonly key: string;
}

export interface RotatedKey extends IssuedKey {
  readonly previousSecretExpiresAt: Date;
}

export interface KeyServiceOptions {
  readonly store: KeyStore;
  readonly lookup: SecretLookup;
  readonly hasher: KeyHasher;
  readonly invalidator: CacheInvalidator;
  readonly lastUsed: LastUsedRecorder;
  readonly now: () => Date;
  readonly defaultGraceMs: number;
  readonly maxGraceMs: number;
  readonly maxActiveKeysPerAccount: number;
  /** Called when the fast invalidation fails (the event still follows). */
  readonly onInvalidationError: (error: unknown, accountId: string) => void;
}

const KEY_NAME_MAX = 100;

export function newKeyId(): string {
  return `key_${randomBase62(22)}`;
}

function keyNotFound(keyId: string): DomainError {
  return new DomainError("KEY_NOT_FOUND", `No key ${keyId}.`);
}

/**
 * Checks a key request and mints the secret. Separate from the store so the operator bootstrap
 * can create its first key in the transaction that creates the operator account.
 */
export function prepareKey(
  input: NewKeyInput,
  account: Account,
  hasher: KeyHasher,
  now: Date,
): { record: NewKeyRecord; key: string; event: NewEvent<"orrery.key.created"> } {
  const violations = new Violations();
  const name = input.name.trim();
  // In characters (code points), as the public API's schema counts them.
  if (name.length === 0 || [...name].length > KEY_NAME_MAX) {
    violations.add("name", "OUT_OF_RANGE", `Must be 1 to ${KEY_NAME_MAX} characters.`);
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) violations.add("scopes", "REQUIRED", "Name at least one scope.");
  scopes.forEach((scope, index) => {
    if (!isScope(scope)) {
      violations.add(`scopes.${index}`, "INVALID_VALUE", `Unknown scope ${JSON.stringify(scope)}.`);
    } else if (scope === ADMIN_SCOPE && !account.operator) {
      violations.add(
        `scopes.${index}`,
        "SCOPE_NOT_ALLOWED",
        "Only the operator account's keys may hold the admin scope.",
      );
    }
  });
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    violations.add("expiresAt", "OUT_OF_RANGE", "Must be in the future.");
  }
  checkOverrides(input.overrides, "overrides", violations);
  violations.throwIfAny();

  const generated = generateApiKey(input.environment);
  const id = newKeyId();
  const record: NewKeyRecord = {
    id,
    accountId: account.id,
    name,
    environment: input.environment,
    start: generated.start,
    scopes,
    overrides: compactOverrides(input.overrides),
    expiresAt: input.expiresAt,
    createdAt: now,
    replacedByKeyId: undefined,
    secretHash: hasher.hash(generated.key),
  };
  return {
    record,
    key: generated.key,
    event: {
      type: "orrery.key.created",
      accountId: account.id,
      subject: id,
      data: { accountId: account.id, keyId: id, name, scopes },
    },
  };
}

/** The key lifecycle: create, verify, rotate with a grace period, revoke, read. */
export class KeyManager {
  constructor(private readonly options: KeyServiceOptions) {}

  async createKey(input: NewKeyInput): Promise<IssuedKey> {
    const { store, hasher, now } = this.options;
    const at = now();
    return store.transaction(async (transaction) => {
      const account = await transaction.findAccount(input.accountId);
      if (account === undefined) {
        throw new DomainError("ACCOUNT_NOT_FOUND", `No account ${input.accountId}.`);
      }
      const prepared = prepareKey(input, account, hasher, at);
      await this.checkKeyLimit(transaction, account.id, at);
      const apiKey = await transaction.insertKey(prepared.record);
      await transaction.enqueue(prepared.event);
      return { apiKey, key: prepared.key };
    });
  }

  /**
   * What a presented secret is worth. The format and checksum are checked first, so garbage
   * costs no database query. Order matters: a revoked or expired key says so before anything
   * about its account, so only a holder of a working key learns the account is suspended.
   */
  async verifyKey(presented: string, requiredScopes: readonly string[]): Promise<Verification> {
    if (parseApiKey(presented) === undefined) return { result: "NOT_FOUND" };
    const found = await this.options.lookup.findByHash(this.options.hasher.hash(presented));
    if (found === undefined) return { result: "NOT_FOUND" };
    const { key, account } = found;
    const at = this.options.now();
    if (key.revokedAt !== undefined) return { result: "REVOKED" };
    if (key.expiresAt !== undefined && key.expiresAt <= at) return { result: "EXPIRED" };
    this.options.lastUsed.touch(key.id, key.accountId, at);
    if (account.status === "suspended") return { result: "ACCOUNT_SUSPENDED", key, account };
    const granted = key.scopes;
    const missing = requiredScopes.some(
      (scope) => !granted.includes(scope) && !granted.includes(ADMIN_SCOPE),
    );
    return { result: missing ? "INSUFFICIENT_SCOPE" : "VALID", key, account };
  }

  /**
   * A new key inherits everything but the secret; the old one keeps working until the grace
   * period ends (never past its own expiry), then verifies as EXPIRED.
   */
  async rotateKey(
    scope: TenantScope,
    keyId: string,
    gracePeriodSeconds: number | undefined,
  ): Promise<RotatedKey> {
    const { store, hasher, now } = this.options;
    const graceMs =
      gracePeriodSeconds === undefined ? this.options.defaultGraceMs : gracePeriodSeconds * 1000;
    if (graceMs > this.options.maxGraceMs) {
      throw new DomainError(
        "GRACE_PERIOD_TOO_LONG",
        `The grace period may be at most ${this.options.maxGraceMs / 1000} seconds.`,
        { metadata: { limit: String(this.options.maxGraceMs / 1000) } },
      );
    }
    const at = now();
    const rotated = await store.transaction(async (transaction) => {
      const old = await transaction.findKey(scope, keyId);
      if (old === undefined) throw keyNotFound(keyId);
      assertActive(old, at);
      const account = await transaction.findAccount(old.accountId);
      if (account === undefined) throw keyNotFound(keyId);
      const prepared = prepareKey(
        {
          accountId: old.accountId,
          name: old.name,
          scopes: old.scopes,
          environment: old.environment,
          expiresAt: old.expiresAt,
          overrides: old.overrides,
        },
        account,
        hasher,
        at,
      );
      const apiKey = await transaction.insertKey(prepared.record);
      const graceEnd = new Date(at.getTime() + graceMs);
      const previousSecretExpiresAt =
        old.expiresAt !== undefined && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
      const updated = await transaction.updateActiveKey(accountScope(old.accountId), old.id, at, {
        updatedAt: at,
        expiresAt: previousSecretExpiresAt,
        rotatedAt: at,
        replacedByKeyId: apiKey.id,
      });
      if (updated === undefined) {
        throw new DomainError(
          "KEY_CHANGED",
          `Key ${keyId} was rotated or revoked by another request; read it and try again.`,
        );
      }
      await transaction.enqueue({
        type: "orrery.key.rotated",
        accountId: old.accountId,
        subject: apiKey.id,
        data: {
          accountId: old.accountId,
          keyId: apiKey.id,
          previousKeyId: old.id,
          previousSecretExpiresAt: timestampFromDate(previousSecretExpiresAt),
        },
      });
      return { apiKey, key: prepared.key, previousSecretExpiresAt };
    });
    await this.invalidate(rotated.apiKey.accountId);
    return rotated;
  }

  /** Immediate; revoking a revoked key again changes nothing and announces nothing. */
  async revokeKey(scope: TenantScope, keyId: string): Promise<ApiKey> {
    const at = this.options.now();
    const result = await this.options.store.transaction(async (transaction) => {
      const key = await transaction.findKey(scope, keyId);
      if (key === undefined) throw keyNotFound(keyId);
      if (key.revokedAt !== undefined) return { key, changed: false };
      const revoked = await transaction.updateActiveKey(
        accountScope(key.accountId),
        key.id,
        undefined,
        { revokedAt: at, updatedAt: at },
      );
      if (revoked === undefined) {
        // Revoked by a concurrent request in the meantime: the outcome the caller wanted.
        const current = await transaction.findKey(accountScope(key.accountId), key.id);
        return { key: current ?? key, changed: false };
      }
      await transaction.enqueue({
        type: "orrery.key.revoked",
        accountId: key.accountId,
        subject: key.id,
        data: { accountId: key.accountId, keyId: key.id },
      });
      return { key: revoked, changed: true };
    });
    if (result.changed) await this.invalidate(result.key.accountId);
    return result.key;
  }

  async getKey(scope: TenantScope, keyId: string): Promise<ApiKey> {
    const key = await this.options.store.findKey(scope, keyId);
    if (key === undefined) throw keyNotFound(keyId);
    return key;
  }

  async listKeys(
    accountId: string,
    requestedSize: number,
    pageToken: string,
  ): Promise<Page<ApiKey>> {
    if (accountId === "") {
      throw new DomainError("VALIDATION_FAILED", "accountId is required.", {
        violations: [{ field: "accountId", code: "REQUIRED", message: "Required." }],
      });
    }
    const size = pageSize(requestedSize);
    const rows = await this.options.store.listKeys(accountId, size + 1, decodePageToken(pageToken));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return {
      items,
      nextPageToken: rows.length > size && last !== undefined ? encodePageToken(last) : undefined,
    };
  }

  private async checkKeyLimit(
    transaction: KeyTransaction,
    accountId: string,
    at: Date,
  ): Promise<void> {
    const limit = this.options.maxActiveKeysPerAccount;
    if ((await transaction.countActiveKeys(accountId, at)) >= limit) {
      throw new DomainError(
        "KEY_LIMIT_REACHED",
        `An account may hold at most ${limit} active keys; revoke one first.`,
        { metadata: { limit: String(limit) } },
      );
    }
  }

  private async invalidate(accountId: string): Promise<void> {
    try {
      await this.options.invalidator.accountChanged(accountId);
    } catch (error) {
      this.options.onInvalidationError(error, accountId);
    }
  }
}

function assertActive(key: ApiKey, at: Date): void {
  if (key.revokedAt !== undefined) {
    throw new DomainError("KEY_REVOKED", `Key ${key.id} is revoked.`);
  }
  if (key.replacedByKeyId !== undefined) {
    throw new DomainError(
      "KEY_ALREADY_ROTATED",
      `Key ${key.id} was already rotated; rotate its replacement ${key.replacedByKeyId}.`,
    );
  }
  if (key.expiresAt !== undefined && key.expiresAt <= at) {
    throw new DomainError("KEY_EXPIRED", `Key ${key.id} has expired.`);
  }
}
