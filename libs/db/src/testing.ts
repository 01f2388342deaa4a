import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createScratchDatabase,
  type PlanNode,
  queryPlan,
  type ScratchDatabase,
} from "@orrery/testing";
import pg from "pg";
import { runMigrations } from "./migrations.js";
import { findSchemaDrift, type PrismaDatamodel } from "./schema-drift.js";

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

/**
 * For a service's schema test: the differences between its migrated schema and its Prisma
 * models (`datamodel`, as getDMMF reads schema.prisma), sorted, once as migrated and once more
 * after `changes` (SQL statements), which show that the check sees a difference when there is one.
 */
export async function migratedSchemaDrift(
  prefix: string,
  serviceRoot: URL,
  datamodel: PrismaDatamodel,
  changes: readonly string[],
): Promise<{ asMigrated: string[]; afterChanges: string[] }> {
  const database = await migratedScratchDatabase(prefix, serviceRoot);
  try {
    const asMigrated = (await findSchemaDrift(database.url, datamodel)).sort();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const change of changes) await client.query(change);
    } finally {
      await client.end();
    }
    const afterChanges = (await findSchemaDrift(database.url, datamodel)).sort();
    return { asMigrated, afterChanges };
  } finally {
    await database.drop();
  }
}

/** A seeded scratch database for plan tests: a client on it, the plan of a query, cleanup. */
export interface PlanDatabase {
  readonly url: string;
  readonly sql: pg.Client;
  /** The plan PostgreSQL chooses for `text` (not run), every node of it, depth first. */
  plan(text: string, values?: readonly unknown[]): Promise<PlanNode[]>;
  close(): Promise<void>;
}

/**
 * For EXPLAIN tests of a service's hot queries: a migrated scratch database with `seed` run on
 * it (SQL text, or a function given a connected client and the database's URL), then ANALYZE,
 * so the planner judges tables of a realistic size.
 */
export async function seededPlanDatabase(
  prefix: string,
  serviceRoot: URL,
  seed: string | ((sql: pg.Client, url: string) => Promise<void>),
): Promise<PlanDatabase> {
  const database = await migratedScratchDatabase(prefix, serviceRoot);
  const sql = new pg.Client({ connectionString: database.url });
  const close = async () => {
    await sql.end().catch(() => undefined);
    await database.drop();
  };
  try {
    await sql.connect();
    if (typeof seed === "string") await sql.query(seed);
    else await seed(sql, database.url);
    await sql.query("ANALYZE");
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url: database.url,
    sql,
    plan: (text, values = []) => queryPlan(sql, text, values),
    close,
  };
}
