import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { migratedSchemaDrift } from "@orrery/db/testing";
import { getDMMF } from "@prisma/internals";
import { expect, it } from "vitest";

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

it("the migrated schema and the Prisma models describe the same tables, columns and keys", async () => {
  const schema = await readFile(path("../prisma/schema.prisma"), "utf8");
  const drift = await migratedSchemaDrift(
    "ratelimit_schema",
    new URL("..", import.meta.url),
    (await getDMMF({ datamodel: schema })).datamodel,
    [
      "ALTER TABLE usage_counters ALTER COLUMN cycle_end DROP NOT NULL",
      "ALTER TABLE quota_notifications ADD COLUMN stray integer",
    ],
  );
  expect(drift.asMigrated).toEqual([]);
  expect(drift.afterChanges).toEqual([
    "quota_notifications.stray: in the database, not in the model",
    "usage_counters.cycle_end: nullable in the database, required in the model",
  ]);
});
