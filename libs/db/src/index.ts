export {
  createPgPool,
  createPrismaClient,
  type DatabaseOptions,
  postgresReadinessCheck,
} from "./database.js";
export { type MigrationOptions, runMigrations } from "./migrations.js";
export { findSchemaDrift, type PrismaDatamodel } from "./schema-drift.js";
