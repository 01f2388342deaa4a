import { defineConfig } from "vitest/config";

// Layers (STYLE.md §7): unit tests are pure and fast; integration tests use the real
// Postgres/Redis/Kafka started by `scripts/stack`; end-to-end tests drive the running platform
// through the gateway; resilience tests stop, kill and restart real servers (Postgres, Redis,
// Kafka), so scripts/test runs them alone, after everything else.
const roots = "{libs,services}/*";
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [`${roots}/src/**/*.test.ts`, `${roots}/bench/**/*.test.ts`],
          exclude: [
            "**/*.int.test.ts",
            "**/*.e2e.test.ts",
            "**/*.resilience.test.ts",
            "**/node_modules/**",
            "**/dist/**",
          ],
        },
      },
      {
        test: {
          name: "integration",
          include: [`${roots}/src/**/*.int.test.ts`, `${roots}/test/**/*.int.test.ts`],
          exclude: ["**/node_modules/**", "**/dist/**"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: [`${roots}/test/**/*.e2e.test.ts`],
          exclude: ["**/node_modules/**", "**/dist/**"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "resilience",
          include: [
            `${roots}/src/**/*.resilience.test.ts`,
            `${roots}/test/**/*.resilience.test.ts`,
          ],
          exclude: ["**/node_modules/**", "**/dist/**"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
