export {
  createPgPool,
  createPostgresPools,
  createPrismaClient,
  type DatabaseOptions,
  type PostgresPools,
  type PrismaClientClass,
  postgresReadinessCheck,
} from "./database.js";
export { isDatabaseUnavailable } from "./database-errors.js";
export { type MigrationOptions, runMigrations } from "./migrations.js";
export { findSchemaDrift, type PrismaDatamodel } from "./schema-drift.js";
