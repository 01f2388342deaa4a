import { fileURLToPath } from "node:url";
import { createPrismaClient, runMigrations } from "@orrery/db";
import { createScratchDatabase, type ScratchDatabase } from "@orrery/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PrismaClient } from "./generated/prisma/client.js";

// libs/db read-replica routing, with a real Prisma client on real Postgres. The "replica" is a
// second database holding different rows, so where each query went is visible in its answer.
const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
let primary: ScratchDatabase;
let replica: ScratchDatabase;

beforeAll(async () => {
  [primary, replica] = await Promise.all([
    createScratchDatabase("replica_primary"),
    createScratchDatabase("replica_replica"),
  ]);
  for (const database of [primary, replica]) {
    await runMigrations({
      databaseUrl: database.url,
      directories: [path("../db/migrations")],
      stdio: "pipe",
    });
  }
  const seed = (url: string, name: string) => {
    const client = createPrismaClient(PrismaClient, { url, poolSize: 1, applicationName: "seed" });
    return client.account
      .create({ data: { id: `acc_${name}`, name, plan: "free" } })
      .finally(() => client.$disconnect());
  };
  await Promise.all([seed(primary.url, "on-primary"), seed(replica.url, "on-replica")]);
});

afterAll(async () => {
  await Promise.all([primary?.drop(), replica?.drop()]);
});

it("reads from the replica, writes and $primary() reads on the primary", async () => {
  const client = createPrismaClient(PrismaClient, {
    url: primary.url,
    replicaUrls: [replica.url],
    poolSize: 2,
    applicationName: "replica-test",
  }) as PrismaClient & { $primary(): PrismaClient };
  try {
    expect((await client.account.findMany()).map((account) => account.name)).toEqual([
      "on-replica",
    ]);
    await client.account.create({ data: { id: "acc_written", name: "written", plan: "basic" } });
    const onPrimary = await client.$primary().account.findMany({ orderBy: { name: "asc" } });
    expect(onPrimary.map((account) => account.name)).toEqual(["on-primary", "written"]);
    expect((await client.account.findMany()).map((account) => account.name)).toEqual([
      "on-replica",
    ]);
  } finally {
    await client.$disconnect();
  }
});

it("without replicas, reads and writes share the primary", async () => {
  const client = createPrismaClient(PrismaClient, {
    url: primary.url,
    poolSize: 1,
    applicationName: "t",
  });
  try {
    const names = (await client.account.findMany({ orderBy: { name: "asc" } })).map(
      (account) => account.name,
    );
    expect(names).toContain("on-primary");
    expect(names).not.toContain("on-replica");
  } finally {
    await client.$disconnect();
  }
});
