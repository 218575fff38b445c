// Playwright: user journeys in e2e/ run in Debian's chromium against the production build on a fresh seeded database.
// Never reuse a server already listening on the port (it would hold another database), never download browsers.
import { defineConfig, devices } from "@playwright/test";
import { env } from "./lib/env";

const e = env();
const port = e.E2E_PORT;
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  forbidOnly: e.CI,
  retries: 0,
  // Two browsers at once on a 2-core machine; CI keeps the same unless journeys prove flaky under load.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // A stuck run should not eat CI's whole budget.
  globalTimeout: 30 * 60_000,
  reporter: [
    ["list"],
    // scripts/test.ts passes --reporter and PLAYWRIGHT_JSON_OUTPUT_NAME instead; this default serves `npx playwright test`.
    ["json", { outputFile: "test-results/e2e-results.json" }],
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Browser downloads are blocked here; Debian's package provides chromium.
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // Migrates and seeds a new e2e_<random> database (on TEST_PG_ADMIN_URL's cluster, or its own), then runs
    // `next start`. Started with node directly so that the process group Playwright stops is the real server.
    command: `node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-server.ts --port ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    // SIGTERM lets the script drop its database and stop its own cluster; Playwright kills it if it lingers.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
