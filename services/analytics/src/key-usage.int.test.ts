import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createPrismaClient, findSchemaDrift, runMigrations } from "@orrery/db";
import type { DomainError } from "@orrery/errors";
import { createScratchDatabase, type ScratchDatabase } from "@orrery/testing";
import { getDMMF } from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaKeyUsageStore } from "./adapters/prisma-key-usage-store.js";
import { KeyUsage, type UsageRecord } from "./domain/key-usage.js";
import { PrismaClient } from "./generated/prisma/client.js";

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
let database: ScratchDatabase;
let prisma: PrismaClient;
let usage: KeyUsage;

beforeAll(async () => {
  database = await createScratchDatabase("analytics_usage");
  await runMigrations({
    databaseUrl: database.url,
    directories: [path("../db/migrations"), path("../node_modules/@orrery/events/migrations")],
    stdio: "pipe",
  });
  prisma = createPrismaClient(PrismaClient, {
    url: database.url,
    poolSize: 4,
    applicationName: "analytics-test",
  });
  usage = new KeyUsage(new PrismaKeyUsageStore(prisma), () => new Date("2026-11-28T12:00:00Z"));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

let sequence = 0;
function event(overrides: Partial<UsageRecord> = {}): UsageRecord {
  sequence += 1;
  return {
    eventId: `event-${sequence}`,
    accountId: "acc_a",
    keyId: "key_1",
    route: "POST /v1/charts",
    day: "2026-11-28",
    status: 200,
    rateLimited: false,
    cacheHit: false,
    bytes: 100,
    ...overrides,
  };
}

describe("per-key usage rollup", () => {
  it("counts each event once, however often it is delivered", async () => {
    const once = event({ keyId: "key_dup" });
    expect(await usage.record(once)).toBe(true);
    expect(await usage.record(once)).toBe(false);
    expect(await usage.record({ ...once })).toBe(false);
    const buckets = await usage.usage("acc_a", "key_dup", "", "");
    expect(buckets).toEqual([
      {
        day: "2026-11-28",
        route: "POST /v1/charts",
        requests: 1n,
        errors: 0n,
        rateLimited: 0n,
        cacheHits: 0n,
        bytes: 100n,
      },
    ]);
  });

  it("rolls up by UTC day and route, with errors, refusals, cache hits and bytes", async () => {
    await usage.record(event({ keyId: "key_roll", cacheHit: true, bytes: 10 }));
    await usage.record(event({ keyId: "key_roll", status: 422, bytes: 20 }));
    await usage.record(event({ keyId: "key_roll", status: 429, rateLimited: true, bytes: 30 }));
    await usage.record(event({ keyId: "key_roll", route: "GET /v1/keys", bytes: 5 }));
    await usage.record(event({ keyId: "key_roll", day: "2026-11-27", bytes: 1 }));
    const buckets = await usage.usage("acc_a", "key_roll", "2026-11-27", "2026-11-28");
    expect(
      buckets.map((bucket) => [
        bucket.day,
        bucket.route,
        bucket.requests,
        bucket.errors,
        bucket.rateLimited,
        bucket.cacheHits,
        bucket.bytes,
      ]),
    ).toEqual([
      ["2026-11-27", "POST /v1/charts", 1n, 0n, 0n, 0n, 1n],
      ["2026-11-28", "GET /v1/keys", 1n, 0n, 0n, 0n, 5n],
      ["2026-11-28", "POST /v1/charts", 3n, 1n, 1n, 1n, 60n],
    ]);
    expect(await usage.usage("acc_a", "key_roll", "2026-11-28", "2026-11-28")).toHaveLength(2);
  });

  it("keeps tenants apart and ignores requests without a key", async () => {
    await usage.record(event({ accountId: "acc_b", keyId: "key_shared" }));
    expect(await usage.usage("acc_a", "key_shared", "", "")).toEqual([]);
    expect(await usage.usage("acc_b", "key_shared", "", "")).toHaveLength(1);
    expect(await usage.record(event({ accountId: "", keyId: "" }))).toBe(false);
  });

  it("refuses bad and overlong ranges", async () => {
    const failure = (from: string, to: string) =>
      usage.usage("acc_a", "key_1", from, to).then(
        () => undefined,
        (error: unknown) => error as DomainError,
      );
    expect((await failure("2026-01-01", "2026-11-28"))?.code).toBe("USAGE_RANGE_TOO_LONG");
    expect((await failure("2026-11-28", "2026-11-01"))?.code).toBe("USAGE_RANGE_TOO_LONG");
    expect((await failure("2026-02-30", ""))?.violations[0]?.field).toBe("fromDay");
    expect((await failure("yesterday", ""))?.code).toBe("VALIDATION_FAILED");
  });
});

it("the migrated schema and the Prisma models describe the same tables, columns and keys", async () => {
  const { datamodel } = await getDMMF({
    datamodel: await readFile(path("../prisma/schema.prisma"), "utf8"),
  });
  expect(await findSchemaDrift(database.url, datamodel)).toEqual([]);
});
