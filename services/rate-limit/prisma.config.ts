import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here: the schema is migrated by dbmate from db/migrations.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
