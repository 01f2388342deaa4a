import { randomBytes } from "node:crypto";
import pg from "pg";
import { infra } from "./infra.js";

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the local Postgres, for a test that must own its schema. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `test_${prefix.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: infra.adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(infra.adminDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: infra.adminDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        // FORCE may not terminate a backend of another role: an autovacuum worker busy on the
        // database after a large load. A plain DROP asks autovacuum to step aside itself.
        if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
        await dropWhenFree(client, name);
      } finally {
        await client.end();
      }
    },
  };
}

const INSUFFICIENT_PRIVILEGE = "42501";
const OBJECT_IN_USE = "55006";

async function dropWhenFree(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
