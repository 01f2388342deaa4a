import { createHash } from "node:crypto";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { createRedisConnection } from "@orrery/cache";
import { createPostgresPools, createPrismaClient } from "@orrery/db";
import { migratedScratchDatabase } from "@orrery/db/testing";
import { DomainError } from "@orrery/errors";
import { generateApiKey, KEY_CACHE_INVALIDATION_CHANNEL } from "@orrery/key-contract";
import { AccountService, AccountStatus, Plan } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient, createRpcServer } from "@orrery/rpc";
import { createLogger } from "@orrery/telemetry";
import { infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisCacheInvalidator } from "./adapters/redis-cache-invalidator.js";
import { loadServiceConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { accountService, apiKeyService } from "./transport/grpc/services.js";
import { buildDomain } from "./wiring.js";

// The api-key service's gRPC surface over a real network, on a freshly migrated database and
// the real Redis (cache invalidations).
const logger = createLogger({ service: "api-key-test", level: "silent" });
let database: ScratchDatabase;
let sql: pg.Client;
let domain: ReturnType<typeof buildDomain>;
let postgres: ReturnType<typeof createPostgresPools> | undefined;
let prisma: PrismaClient | undefined;
let server: ReturnType<typeof createRpcServer>;
let keys: ReturnType<typeof createRpcClient<typeof ApiKeyService>>;
let accounts: ReturnType<typeof createRpcClient<typeof AccountService>>;
const redis = createRedisConnection(infra.redisUrl, { connectionName: "api-key-test" });
const subscriber = createRedisConnection(infra.redisUrl, { connectionName: "api-key-test-sub" });
const invalidations: string[] = [];

beforeAll(async () => {
  database = await migratedScratchDatabase("apikey_grpc", new URL("..", import.meta.url));
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const config = loadServiceConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    REDIS_URL: infra.redisUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(","),
    API_KEY_PEPPER: "integration-test-pepper-0123456789abcdef",
    MAX_ACTIVE_KEYS_PER_ACCOUNT: "5",
  });
  postgres = createPostgresPools({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: "api-key-test",
  });
  prisma = createPrismaClient(PrismaClient, postgres);
  domain = buildDomain({
    config,
    logger,
    invalidator: new RedisCacheInvalidator(redis),
    pool: postgres.primary,
    prisma,
  });
  server = createRpcServer({ logger, host: "127.0.0.1", port: 0, maxConnectionAgeMs: 60_000 });
  server.register(ApiKeyService, apiKeyService(domain.keys));
  server.register(AccountService, accountService(domain.accounts));
  const port = await server.start();
  keys = createRpcClient(ApiKeyService, { target: `127.0.0.1:${port}`, defaultTimeoutMs: 5_000 });
  accounts = createRpcClient(AccountService, {
    target: `127.0.0.1:${port}`,
    defaultTimeoutMs: 5_000,
  });
  subscriber.on("message", (_channel, message: string) => invalidations.push(message));
  await subscriber.subscribe(KEY_CACHE_INVALIDATION_CHANNEL);
});

afterAll(async () => {
  keys?.close();
  accounts?.close();
  await server?.stop(1_000);
  await prisma?.$disconnect();
  await postgres?.end();
  await sql?.end();
  redis.disconnect();
  subscriber.disconnect();
  await database?.drop();
});

async function newAccount(plan = Plan.FREE) {
  const { account } = await accounts.createAccount({ name: "Tenant", plan });
  return account!;
}

async function newKey(accountId: string, scopes = ["charts:read"], extra = {}) {
  return keys.createKey({ accountId, name: "app", scopes, ...extra });
}

async function rejection(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function outboxTypes(accountId: string): Promise<string[]> {
  const { rows } = await sql.query<{ type: string }>(
    "SELECT type FROM outbox_events WHERE partition_key = $1 ORDER BY seq",
    [accountId],
  );
  return rows.map((row) => row.type);
}

describe("keys", () => {
  it("returns the plaintext once, stores only an HMAC of it, and shows only its start", async () => {
    const account = await newAccount();
    const created = await newKey(account.id, ["charts:read", "batches:write"]);
    expect(created.key).toMatch(/^orr_live_[0-9A-Za-z]{38}$/);
    expect(created.apiKey?.start).toBe(created.key.slice(0, 13));
    const fetched = await keys.getKey({ accountId: account.id, keyId: created.apiKey!.id });
    const listed = await keys.listKeys({ accountId: account.id });
    expect(
      JSON.stringify([fetched, listed], (_, value) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toContain(created.key.slice(13));
    const { rows } = await sql.query<{ secret_hash: Buffer }>(
      "SELECT secret_hash FROM api_keys WHERE id = $1",
      [created.apiKey!.id],
    );
    const stored = rows[0]!.secret_hash;
    expect(stored).toHaveLength(32);
    expect(stored.equals(createHash("sha256").update(created.key).digest())).toBe(false);
    expect(stored.toString("latin1")).not.toContain(created.key.slice(9, 41));
    expect(await outboxTypes(account.id)).toEqual(["orrery.account.created", "orrery.key.created"]);
  });

  it("verifies a key, its scopes and its account", async () => {
    const account = await newAccount(Plan.BASIC);
    const { key, apiKey } = await newKey(account.id, ["charts:read"]);
    const valid = await keys.verifyKey({ key, requiredScopes: ["charts:read"] });
    expect(valid.result).toBe(VerifyResult.VALID);
    expect(valid.apiKey?.id).toBe(apiKey!.id);
    expect(valid.account?.plan).toBe(Plan.BASIC);
    const scoped = await keys.verifyKey({ key, requiredScopes: ["batches:write"] });
    expect(scoped.result).toBe(VerifyResult.INSUFFICIENT_SCOPE);
    expect((await keys.verifyKey({ key: generateApiKey("live").key })).result).toBe(
      VerifyResult.NOT_FOUND,
    );
  });

  it("refuses a mistyped key without looking it up", async () => {
    const account = await newAccount();
    const { key } = await newKey(account.id);
    const lookups: number[] = [];
    const store = (
      domain.keys as unknown as { options: { lookup: { findByHash: (hash: Buffer) => unknown } } }
    ).options.lookup;
    const findByHash = store.findByHash.bind(store);
    store.findByHash = (hash: Buffer) => {
      lookups.push(1);
      return findByHash(hash);
    };
    try {
      const typo = `${key.slice(0, 20)}${key.charAt(20) === "x" ? "y" : "x"}${key.slice(21)}`;
      expect((await keys.verifyKey({ key: typo })).result).toBe(VerifyResult.NOT_FOUND);
      expect((await keys.verifyKey({ key: "not a key" })).result).toBe(VerifyResult.NOT_FOUND);
      expect(lookups).toHaveLength(0);
      expect((await keys.verifyKey({ key })).result).toBe(VerifyResult.VALID);
      expect(lookups).toHaveLength(1);
    } finally {
      store.findByHash = findByHash;
    }
  });

  it("lets a key expire", async () => {
    const account = await newAccount();
    const { key } = await newKey(account.id, ["charts:read"], {
      expiresAt: timestampFromDate(new Date(Date.now() + 1_000)),
    });
    expect((await keys.verifyKey({ key })).result).toBe(VerifyResult.VALID);
    await waitFor(async () => (await keys.verifyKey({ key })).result === VerifyResult.EXPIRED, {
      timeoutMs: 5_000,
    });
    const past = await rejection(
      newKey(account.id, ["charts:read"], {
        expiresAt: timestampFromDate(new Date(Date.now() - 1)),
      }),
    );
    expect(past.violations[0]?.field).toBe("expiresAt");
  });

  it("rotates: both secrets work during the grace period, then only the new one", async () => {
    const account = await newAccount();
    const original = await newKey(account.id, ["charts:read", "keys:manage"], {
      name: "server",
      overrides: { requestsPerMinute: 900 },
    });
    invalidations.length = 0;
    const rotated = await keys.rotateKey({
      accountId: account.id,
      keyId: original.apiKey!.id,
      gracePeriodSeconds: 1,
    });
    expect(rotated.key).not.toBe(original.key);
    expect(rotated.apiKey).toMatchObject({
      name: original.apiKey!.name,
      scopes: ["charts:read", "keys:manage"],
      overrides: { requestsPerMinute: 900 },
    });
    expect((await keys.verifyKey({ key: original.key })).result).toBe(VerifyResult.VALID);
    expect((await keys.verifyKey({ key: rotated.key })).result).toBe(VerifyResult.VALID);
    const old = await keys.getKey({ accountId: account.id, keyId: original.apiKey!.id });
    expect(old.apiKey?.replacedByKeyId).toBe(rotated.apiKey!.id);
    expect(old.apiKey?.rotatedAt).toBeDefined();
    await waitFor(
      async () => (await keys.verifyKey({ key: original.key })).result === VerifyResult.EXPIRED,
      { timeoutMs: 5_000 },
    );
    expect((await keys.verifyKey({ key: rotated.key })).result).toBe(VerifyResult.VALID);
    expect(invalidations).toContain(JSON.stringify({ accountId: account.id }));
    const again = await rejection(
      keys.rotateKey({ accountId: account.id, keyId: original.apiKey!.id }),
    );
    expect(again.code).toBe("KEY_ALREADY_ROTATED");
    const tooLong = await rejection(
      keys.rotateKey({
        accountId: account.id,
        keyId: rotated.apiKey!.id,
        gracePeriodSeconds: 31 * 24 * 3600,
      }),
    );
    expect(tooLong.code).toBe("GRACE_PERIOD_TOO_LONG");
    expect(await outboxTypes(account.id)).toContain("orrery.key.rotated");
  });

  it("never extends a key's life past its own expiry by rotating it", async () => {
    const account = await newAccount();
    const expiresAt = new Date(Date.now() + 60_000);
    const original = await newKey(account.id, ["charts:read"], {
      expiresAt: timestampFromDate(expiresAt),
    });
    const rotated = await keys.rotateKey({ accountId: account.id, keyId: original.apiKey!.id });
    const graceEnd = rotated.previousSecretExpiresAt!;
    expect(Number(graceEnd.seconds)).toBeLessThanOrEqual(Math.ceil(expiresAt.getTime() / 1000));
    expect(Number(rotated.apiKey!.expiresAt!.seconds)).toBe(Math.floor(expiresAt.getTime() / 1000));
  });

  it("revokes at once, announces it, and is idempotent", async () => {
    const account = await newAccount();
    const { key, apiKey } = await newKey(account.id);
    invalidations.length = 0;
    const revoked = await keys.revokeKey({ accountId: account.id, keyId: apiKey!.id });
    expect(revoked.apiKey?.revokedAt).toBeDefined();
    expect((await keys.verifyKey({ key })).result).toBe(VerifyResult.REVOKED);
    await waitFor(() => invalidations.includes(JSON.stringify({ accountId: account.id })), {
      timeoutMs: 2_000,
    });
    const again = await keys.revokeKey({ accountId: account.id, keyId: apiKey!.id });
    expect(again.apiKey?.revokedAt).toEqual(revoked.apiKey?.revokedAt);
    expect(
      (await outboxTypes(account.id)).filter((type) => type === "orrery.key.revoked"),
    ).toHaveLength(1);
    expect(
      (await rejection(keys.rotateKey({ accountId: account.id, keyId: apiKey!.id }))).code,
    ).toBe("KEY_REVOKED");
  });

  it("keeps tenants apart: another account's key id is not found, for every method", async () => {
    const owner = await newAccount();
    const other = await newAccount();
    const { apiKey } = await newKey(owner.id);
    const keyId = apiKey!.id;
    // One call at a time: a rejected call nobody awaits yet is an unhandled rejection.
    for (const call of [
      () => keys.getKey({ accountId: other.id, keyId }),
      () => keys.rotateKey({ accountId: other.id, keyId }),
      () => keys.revokeKey({ accountId: other.id, keyId }),
    ]) {
      const error = await rejection(call());
      expect(error.kind).toBe("not_found");
      expect(error.code).toBe("KEY_NOT_FOUND");
    }
    expect((await keys.listKeys({ accountId: other.id })).apiKeys).toEqual([]);
    expect((await keys.getKey({ anyAccount: true, keyId })).apiKey?.accountId).toBe(owner.id);
    const missing = await rejection(keys.getKey({ keyId }));
    expect(missing.violations[0]?.field).toBe("accountId");
    const unknownAccount = await rejection(newKey("acc_doesnotexist"));
    expect(unknownAccount.code).toBe("ACCOUNT_NOT_FOUND");
  });

  it("validates every field and reserves admin for the operator account", async () => {
    const account = await newAccount();
    const error = await rejection(
      keys.createKey({
        accountId: account.id,
        name: "",
        scopes: ["charts:read", "admin", "root"],
        overrides: { burstPerSecond: 5 },
      }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.violations.map((violation) => [violation.field, violation.code])).toEqual([
      ["name", "OUT_OF_RANGE"],
      ["scopes.1", "SCOPE_NOT_ALLOWED"],
      ["scopes.2", "INVALID_VALUE"],
    ]);
  });

  it("limits active keys per account", async () => {
    const account = await newAccount();
    for (let index = 0; index < 5; index += 1) await newKey(account.id);
    const error = await rejection(newKey(account.id));
    expect(error.code).toBe("KEY_LIMIT_REACHED");
    const { apiKeys } = await keys.listKeys({ accountId: account.id, pageSize: 2 });
    await keys.revokeKey({ accountId: account.id, keyId: apiKeys[0]!.id });
    await newKey(account.id);
  });

  it("pages through keys newest first without repeats", async () => {
    const account = await newAccount();
    const created = [];
    for (let index = 0; index < 5; index += 1) created.push((await newKey(account.id)).apiKey!.id);
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await keys.listKeys({ accountId: account.id, pageSize: 2, pageToken });
      seen.push(...page.apiKeys.map((key) => key.id));
      pageToken = page.nextPageToken;
    } while (pageToken !== "");
    expect(seen).toEqual(created.reverse());
    expect(
      (await rejection(keys.listKeys({ accountId: account.id, pageToken: "bogus" }))).code,
    ).toBe("INVALID_PAGE_TOKEN");
  });

  it("records lastUsedAt in one batched write, not one per verification", async () => {
    const account = await newAccount();
    const { key, apiKey } = await newKey(account.id);
    for (let index = 0; index < 20; index += 1) await keys.verifyKey({ key });
    expect(
      (await keys.getKey({ accountId: account.id, keyId: apiKey!.id })).apiKey?.lastUsedAt,
    ).toBeUndefined();
    const before = Date.now();
    await domain.lastUsed.flush();
    const used = (await keys.getKey({ accountId: account.id, keyId: apiKey!.id })).apiKey
      ?.lastUsedAt;
    expect(Number(used?.seconds) * 1000).toBeLessThanOrEqual(before);
    expect(Number(used?.seconds) * 1000).toBeGreaterThan(before - 10_000);
  });
});

describe("accounts", () => {
  it("creates, reads and lists accounts", async () => {
    const created = await accounts.createAccount({
      name: "Acme",
      plan: Plan.PREMIUM,
      overrides: { monthlyQuota: 5_000_000n },
      billingCycleAnchorDay: 15,
    });
    expect(created.account).toMatchObject({
      name: "Acme",
      plan: Plan.PREMIUM,
      status: AccountStatus.ACTIVE,
      billingCycleAnchorDay: 15,
      overrides: { monthlyQuota: 5_000_000n },
    });
    const fetched = await accounts.getAccount({ accountId: created.account!.id });
    expect(fetched.account?.id).toBe(created.account!.id);
    const listed = await accounts.listAccounts({ pageSize: 100 });
    expect(listed.accounts.map((account) => account.id)).toContain(created.account!.id);
    const bad = await rejection(accounts.createAccount({ name: "x", billingCycleAnchorDay: 31 }));
    expect(bad.violations[0]?.field).toBe("billingCycleAnchorDay");
    expect((await rejection(accounts.getAccount({ accountId: "acc_nope" }))).code).toBe(
      "ACCOUNT_NOT_FOUND",
    );
  });

  it("changes the plan, announces it and tells the caches", async () => {
    const account = await newAccount(Plan.FREE);
    const { key } = await newKey(account.id);
    invalidations.length = 0;
    const updated = await accounts.updatePlan({ accountId: account.id, plan: Plan.PREMIUM });
    expect(updated.account?.plan).toBe(Plan.PREMIUM);
    expect((await keys.verifyKey({ key })).account?.plan).toBe(Plan.PREMIUM);
    await waitFor(() => invalidations.includes(JSON.stringify({ accountId: account.id })), {
      timeoutMs: 2_000,
    });
    const overridden = await accounts.updatePlan({
      accountId: account.id,
      overrides: { burstPerSecond: 50 },
    });
    expect(overridden.account).toMatchObject({
      plan: Plan.PREMIUM,
      overrides: { burstPerSecond: 50 },
    });
    const { rows } = await sql.query<{ count: string }>(
      "SELECT count(*) FROM outbox_events WHERE partition_key = $1 AND type = 'orrery.account.plan_changed'",
      [account.id],
    );
    expect(Number(rows[0]?.count)).toBe(2);
  });

  it("suspends and reinstates; a suspended account's keys verify as ACCOUNT_SUSPENDED", async () => {
    const account = await newAccount();
    const { key } = await newKey(account.id);
    const suspended = await accounts.suspendAccount({
      accountId: account.id,
      suspended: true,
      reason: "unpaid invoice",
    });
    expect(suspended.account).toMatchObject({
      status: AccountStatus.SUSPENDED,
      suspensionReason: "unpaid invoice",
    });
    expect((await keys.verifyKey({ key })).result).toBe(VerifyResult.ACCOUNT_SUSPENDED);
    await accounts.suspendAccount({ accountId: account.id, suspended: false });
    expect((await keys.verifyKey({ key })).result).toBe(VerifyResult.VALID);
    expect(await outboxTypes(account.id)).toEqual([
      "orrery.account.created",
      "orrery.key.created",
      "orrery.account.suspended",
      "orrery.account.reinstated",
    ]);
  });

  it("creates admin keys on one operator account that cannot be suspended", async () => {
    const first = await domain.accounts.createAdminKey("first");
    const second = await domain.accounts.createAdminKey("second");
    expect(second.account.id).toBe(first.account.id);
    const verified = await keys.verifyKey({ key: second.key, requiredScopes: ["keys:manage"] });
    expect(verified.result).toBe(VerifyResult.VALID);
    expect(verified.apiKey?.scopes).toEqual(["admin"]);
    const error = await rejection(
      accounts.suspendAccount({ accountId: first.account.id, suspended: true }),
    );
    expect(error.code).toBe("OPERATOR_ACCOUNT_NOT_SUSPENDABLE");
  });
});
