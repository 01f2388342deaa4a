import type { Cursor } from "@orrery/db";
import { enqueueEvent, type NewEvent } from "@orrery/events";
import type { Account, ApiKey, TenantScope } from "../domain/model.js";
import type {
  AccountPatch,
  AccountStore,
  AccountTransaction,
  KeyPatch,
  KeyStore,
  KeyTransaction,
  LastUse,
  NewKeyRecord,
} from "../domain/ports.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { accountFromRow, keyFromRow, overridesToJson } from "./prisma-rows.js";

type Database = PrismaClient | Prisma.TransactionClient;

const EVENT_SOURCE = "/orrery/api-key";

/** Tenant isolation in one place: every key query of an account carries its id. */
function keyWhere(scope: TenantScope, keyId: string): Prisma.ApiKeyWhereInput {
  return scope.kind === "account" ? { id: keyId, accountId: scope.accountId } : { id: keyId };
}

/** Newest first, strictly older than the cursor (created_at, then id, both descending). */
function afterCursor(after: Cursor | undefined) {
  if (after === undefined) return {};
  return {
    OR: [
      { createdAt: { lt: after.createdAt } },
      { createdAt: after.createdAt, id: { lt: after.id } },
    ],
  };
}

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

function keyTransaction(database: Prisma.TransactionClient): KeyTransaction {
  return {
    async findAccount(accountId) {
      const row = await database.account.findUnique({ where: { id: accountId } });
      return row === null ? undefined : accountFromRow(row);
    },
    countActiveKeys(accountId, now) {
      return database.apiKey.count({
        where: {
          accountId,
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        },
      });
    },
    async insertKey(record: NewKeyRecord) {
      const row = await database.apiKey.create({
        data: {
          id: record.id,
          accountId: record.accountId,
          name: record.name,
          environment: record.environment,
          secretHash: new Uint8Array(record.secretHash),
          start: record.start,
          scopes: [...record.scopes],
          limitOverrides: overridesToJson(record.overrides),
          expiresAt: record.expiresAt ?? null,
          createdAt: record.createdAt,
          updatedAt: record.createdAt,
        },
      });
      return keyFromRow(row);
    },
    async updateActiveKey(scope, keyId, activeAt, patch: KeyPatch) {
      const rows = await database.apiKey.updateManyAndReturn({
        where: {
          ...keyWhere(scope, keyId),
          revokedAt: null,
          ...(activeAt === undefined
            ? {}
            : {
                replacedByKeyId: null,
                OR: [{ expiresAt: null }, { expiresAt: { gt: activeAt } }],
              }),
        },
        data: { ...patch },
      });
      const row = rows[0];
      return row === undefined ? undefined : keyFromRow(row);
    },
    findKey: (scope, keyId) => findKey(database, scope, keyId),
    async enqueue(event: NewEvent) {
      await enqueueEvent(database, EVENT_SOURCE, event);
    },
  };
}

async function findKey(
  database: Database,
  scope: TenantScope,
  keyId: string,
): Promise<ApiKey | undefined> {
  const row = await database.apiKey.findFirst({ where: keyWhere(scope, keyId) });
  return row === null ? undefined : keyFromRow(row);
}

export class PrismaKeyStore implements KeyStore {
  constructor(private readonly prisma: PrismaClient) {}

  findKey(scope: TenantScope, keyId: string): Promise<ApiKey | undefined> {
    return findKey(this.prisma, scope, keyId);
  }

  async listKeys(accountId: string, limit: number, after: Cursor | undefined): Promise<ApiKey[]> {
    const rows = await this.prisma.apiKey.findMany({
      where: { accountId, ...afterCursor(after) },
      orderBy: NEWEST_FIRST,
      take: limit,
    });
    return rows.map(keyFromRow);
  }

  transaction<T>(work: (transaction: KeyTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((database) => work(keyTransaction(database)));
  }

  async recordLastUsed(uses: readonly LastUse[]): Promise<void> {
    if (uses.length === 0) return;
    await this.prisma.$executeRaw`
      UPDATE api_keys AS k SET last_used_at = u.used_at
      FROM unnest(
        ${uses.map((use) => use.keyId)}::text[],
        ${uses.map((use) => use.accountId)}::text[],
        ${uses.map((use) => use.usedAt.toISOString())}::timestamptz[]
      ) AS u(id, account_id, used_at)
      WHERE k.id = u.id AND k.account_id = u.account_id
        AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)`;
  }
}

export class PrismaAccountStore implements AccountStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findAccount(accountId: string): Promise<Account | undefined> {
    const row = await this.prisma.account.findUnique({ where: { id: accountId } });
    return row === null ? undefined : accountFromRow(row);
  }

  async listAccounts(limit: number, after: Cursor | undefined): Promise<Account[]> {
    const rows = await this.prisma.account.findMany({
      where: afterCursor(after),
      orderBy: NEWEST_FIRST,
      take: limit,
    });
    return rows.map(accountFromRow);
  }

  transaction<T>(work: (transaction: AccountTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((database) => {
      const keys = keyTransaction(database);
      const transaction: AccountTransaction = {
        keys,
        enqueue: keys.enqueue,
        async lockAccount(accountId) {
          await database.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId} FOR UPDATE`;
          const row = await database.account.findUnique({ where: { id: accountId } });
          return row === null ? undefined : accountFromRow(row);
        },
        async findOperatorAccount() {
          const row = await database.account.findFirst({ where: { operator: true } });
          return row === null ? undefined : accountFromRow(row);
        },
        async insertAccount(account: Account) {
          const row = await database.account.create({
            data: {
              id: account.id,
              name: account.name,
              plan: account.plan,
              status: account.status,
              limitOverrides: overridesToJson(account.overrides),
              billingCycleAnchorDay: account.billingCycleAnchorDay,
              operator: account.operator,
              createdAt: account.createdAt,
              updatedAt: account.updatedAt,
            },
          });
          return accountFromRow(row);
        },
        async updateAccount(accountId, patch: AccountPatch) {
          const row = await database.account.update({
            where: { id: accountId },
            data: {
              ...(patch.plan === undefined ? {} : { plan: patch.plan }),
              ...(patch.overrides === undefined
                ? {}
                : { limitOverrides: overridesToJson(patch.overrides) }),
              ...(patch.status === undefined ? {} : { status: patch.status }),
              ...(patch.suspendedAt === undefined ? {} : { suspendedAt: patch.suspendedAt }),
              ...(patch.suspensionReason === undefined
                ? {}
                : { suspensionReason: patch.suspensionReason }),
              updatedAt: patch.updatedAt,
            },
          });
          return accountFromRow(row);
        },
      };
      return work(transaction);
    });
  }
}
