// Playwright's webServer: makes a fresh e2e_<random> database (migrated + demo seed) and runs `next start` on it.
// Never point it at .data/ or DATABASE_URL, and never leave its database or its own cluster behind after SIGTERM.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { createDatabase, dropDatabase, randomDbName } from "./lib/pg-admin";
import { exited, spawnNextStart, stopChild } from "./lib/prod-server";
import type { TempCluster } from "./lib/temp-cluster";

const log = (line: string) => console.error(`[e2e-server] ${line}`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { port: { type: "string", default: String(env().E2E_PORT) } } });
  const port = Number.parseInt(values.port, 10);

  // `npm test` shares its cluster through TEST_PG_ADMIN_URL; a standalone `npx playwright test` gets its own.
  let own: TempCluster | undefined;
  let adminUrl = env().TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    const { startTempCluster } = await import("./lib/temp-cluster");
    own = await startTempCluster({ label: "e2e" });
    adminUrl = own.adminUrl;
    log(`started a private Postgres on port ${own.port}`);
  }

  const dbName = randomDbName("e2e");
  const cleanup = async () => {
    await dropDatabase(adminUrl, dbName).catch(() => {});
    await own?.stop().catch(() => {});
  };

  let stopping = false;
  const server = await (async () => {
    try {
      const url = await createDatabase(adminUrl, dbName);
      const { migrateDatabase } = await import("./migrate");
      const { seedDemo } = await import("./seed");
      await migrateDatabase(url);
      await seedDemo(url);
      log(`database ${dbName} migrated and seeded; starting next on port ${port}`);
      return spawnNextStart({ port, databaseUrl: url, stdio: "inherit" });
    } catch (err) {
      await cleanup();
      throw err;
    }
  })();

  // Playwright signals the whole process group; pass it on in case we were signalled alone, then clean up.
  const onSignal = (signal: NodeJS.Signals) => {
    stopping = true;
    void stopChild(server, signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  await exited(server);
  await cleanup();
  if (!stopping) log(`next start exited unexpectedly (code ${server.exitCode ?? server.signalCode})`);
  return stopping ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
