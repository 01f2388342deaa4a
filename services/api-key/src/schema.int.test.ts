import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { migratedSchemaDrift } from "@orrery/db/testing";
import { getDMMF } from "@prisma/internals";
import { expect, it } from "vitest";

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

it("the migrated schema and the Prisma models describe the same tables, columns and keys", async () => {
  const schema = await readFile(path("../prisma/schema.prisma"), "utf8");
  const drift = await migratedSchemaDrift(
    "apikey_schema",
    new URL("..", import.meta.url),
    (await getDMMF({ datamodel: schema })).datamodel,
    [
      "ALTER TABLE api_keys ALTER COLUMN name DROP NOT NULL",
      "ALTER TABLE accounts ADD COLUMN stray integer",
    ],
  );
  expect(drift.asMigrated).toEqual([]);
  expect(drift.afterChanges).toEqual([
    "accounts.stray: in the database, not in the model",
    "api_keys.name: nullable in the database, required in the model",
  ]);
});
