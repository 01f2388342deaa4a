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
export {
  type Cursor,
  DEFAULT_PAGE_SIZE,
  decodePageToken,
  encodePageToken,
  MAX_PAGE_SIZE,
  pageSize,
  toPage,
} from "./page-token.js";
export { findSchemaDrift, type PrismaDatamodel } from "./schema-drift.js";
export { inTransaction } from "./transaction.js";
