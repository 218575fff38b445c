// Vitest projects: `unit` (pure logic next to the code) and `integration` (engines against a real Postgres per file).
// Never add Playwright specs or benchmarks here; never let unit tests need a database.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      // The tsconfig `@/*` path: the repo root.
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside a React Server Components build; engines import it, and tests run them
      // server-side, so point it at the package's own empty module (what the react-server condition picks).
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.{ts,tsx}",
            "scripts/**/*.test.ts",
            // Pure helpers of the benchmark harness (percentiles); the benchmarks themselves never run here.
            "bench/lib/**/*.test.ts",
          ],
          // `*.int.test.ts` need the database; they belong to the integration project.
          exclude: ["**/node_modules/**", "**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts", "lib/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["tests/setup/global-setup.ts"],
          // Each file gets its own database copied from the migrated template, so files may run side by side;
          // two at a time keeps a 2-core machine responsive.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
