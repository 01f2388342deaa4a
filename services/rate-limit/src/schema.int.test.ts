import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { findSchemaDrift } from "@orrery/db";
import { migratedScratchDatabase } from "@orrery/db/testing";
import { getDMMF } from "@prisma/internals";
import pg from "pg";
import { expect, it } from "vitest";

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

it("the migrated schema and the Prisma models describe the same tables, columns and keys", async () => {
  const database = await migratedScratchDatabase(
    "ratelimit_schema",
    new URL("..", import.meta.url),
  );
  try {
    const { datamodel } = await getDMMF({
      datamodel: await readFile(path("../prisma/schema.prisma"), "utf8"),
    });
    expect(await findSchemaDrift(database.url, datamodel)).toEqual([]);

    // The check sees a difference when there is one.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("ALTER TABLE usage_counters ALTER COLUMN cycle_end DROP NOT NULL");
    await client.query("ALTER TABLE quota_notifications ADD COLUMN stray integer");
    await client.end();
    expect((await findSchemaDrift(database.url, datamodel)).sort()).toEqual([
      "quota_notifications.stray: in the database, not in the model",
      "usage_counters.cycle_end: nullable in the database, required in the model",
    ]);
  } finally {
    await database.drop();
  }
});
