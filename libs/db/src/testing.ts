import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createScratchDatabase, type ScratchDatabase } from "@orrery/testing";
import { runMigrations } from "./migrations.js";

/**
 * A service's migration folders: its own `db/migrations` and, when it has the outbox, the
 * outbox's (`@orrery/events`'s), in the order `scripts/stack` applies them.
 */
export function serviceMigrations(serviceRoot: URL): string[] {
  const folders = ["db/migrations", "node_modules/@orrery/events/migrations"].map((folder) =>
    fileURLToPath(
      new URL(folder, serviceRoot.href.endsWith("/") ? serviceRoot : `${serviceRoot}/`),
    ),
  );
  return folders.filter((folder) => existsSync(folder));
}

/**
 * For tests of a service's SQL: a scratch database on the stack's Postgres with the service's
 * migrations applied (plus `also`), dropped by `drop()`. `serviceRoot` is the service's folder,
 * e.g. `new URL("../..", import.meta.url)` from `src/adapters`.
 */
export async function migratedScratchDatabase(
  prefix: string,
  serviceRoot: URL,
  also: readonly string[] = [],
): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(prefix);
  try {
    await runMigrations({
      databaseUrl: database.url,
      directories: [...serviceMigrations(serviceRoot), ...also],
      stdio: "pipe",
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
