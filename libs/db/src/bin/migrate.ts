#!/usr/bin/env node
// Applies a service's migrations to DATABASE_URL: each service's `migrate` script runs
// `node node_modules/@orrery/db/dist/bin/migrate.js <dir>...` (local stack, Helm hook Job).
// Directories are relative to the working directory (the service package).
import { loadConfig, urlWithProtocol, z } from "@orrery/config";
import { runMigrations } from "../migrations.js";

const config = loadConfig(
  "orrery-migrate",
  z.object({ DATABASE_URL: urlWithProtocol("postgres", "postgresql") }),
  process.env,
);
const directories = process.argv.slice(2);
if (directories.length === 0) {
  process.stderr.write("usage: orrery-migrate <migrations-dir>...\n");
  process.exit(64);
}
try {
  await runMigrations({ databaseUrl: config.DATABASE_URL, directories });
} catch (error) {
  process.stderr.write(`orrery-migrate: ${(error as Error).message}\n`);
  process.exit(1);
}
