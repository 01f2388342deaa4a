import type { Logger } from "@orrery/telemetry";
import type pg from "pg";
import { PostgresSecretLookup } from "./adapters/postgres-secret-lookup.js";
import { PrismaAccountStore, PrismaKeyStore } from "./adapters/prisma-stores.js";
import type { Config } from "./config.js";
import { AccountManager } from "./domain/accounts.js";
import { KeyHasher } from "./domain/key-hasher.js";
import { KeyManager } from "./domain/keys.js";
import { LastUsedRecorder } from "./domain/last-used-recorder.js";
import type { CacheInvalidator } from "./domain/ports.js";
import type { PrismaClient } from "./generated/prisma/client.js";

export interface ApiKeyDomainOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly invalidator: CacheInvalidator;
  /** The process's pool to its database: verification lookups run on it directly. */
  readonly pool: pg.Pool;
  /** Prisma on that same pool, for everything else. */
  readonly prisma: PrismaClient;
}

export interface ApiKeyDomain {
  readonly keys: KeyManager;
  readonly accounts: AccountManager;
  readonly lastUsed: LastUsedRecorder;
}

/**
 * The domain over Prisma, shared by the service and its command-line tools. Reads go to the
 * primary on purpose (DATABASE_REPLICA_URLS is not used here): a replica's lag would let a key
 * revoked a moment ago verify again after the caches were told to forget it.
 */
export function buildDomain(options: ApiKeyDomainOptions): ApiKeyDomain {
  const { config, logger, invalidator, prisma } = options;
  const store = new PrismaKeyStore(prisma);
  const hasher = new KeyHasher(config.API_KEY_PEPPER);
  const now = () => new Date();
  const onInvalidationError = (error: unknown, accountId: string) =>
    logger.warn(
      { err: error, accountId },
      "cache invalidation not published; the orrery.accounts.v1 event will carry it",
    );
  const lastUsed = new LastUsedRecorder({
    write: (uses) => store.recordLastUsed(uses),
    onError: (error, pending) =>
      logger.warn({ err: error, pending }, "lastUsedAt not written; retrying with the next flush"),
  });
  const keys = new KeyManager({
    store,
    lookup: new PostgresSecretLookup(options.pool),
    hasher,
    invalidator,
    lastUsed,
    now,
    defaultGraceMs: config.KEY_ROTATION_DEFAULT_GRACE_MS,
    maxGraceMs: config.KEY_ROTATION_MAX_GRACE_MS,
    maxActiveKeysPerAccount: config.MAX_ACTIVE_KEYS_PER_ACCOUNT,
    onInvalidationError,
  });
  const accounts = new AccountManager({
    store: new PrismaAccountStore(prisma),
    invalidator,
    hasher,
    now,
    onInvalidationError,
  });
  return { keys, accounts, lastUsed };
}
