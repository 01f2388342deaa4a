export {
  createPgPool,
  createPrismaClient,
  type DatabaseOptions,
  postgresReadinessCheck,
} from "./database.js";
export { type MigrationOptions, runMigrations } from "./migrations.js";
