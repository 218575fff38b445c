// Boots a throwaway production stack for one benchmark: temp embedded cluster, migrated + seeded db, `next start`.
// Never touch .data/ or the developer's DATABASE_URL, and never leave the server, cluster or temp folder running.
import { createDatabase, randomDbName } from "@/scripts/lib/pg-admin";
import { pickFreePort } from "@/scripts/lib/ports";
import { ensureProductionBuild, spawnNextStart, stopChild, waitForHttpOk } from "@/scripts/lib/prod-server";
import { startTempCluster } from "@/scripts/lib/temp-cluster";

export interface BenchServer {
  baseUrl: string;
  databaseUrl: string;
  /** The temp cluster's maintenance database, for benchmarks that need a second throwaway database beside the seeded one. */
  adminUrl: string;
  /** The `next start` process' own pid (for CPU accounting or profiling). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * `quiet` (the default) keeps the server's stdout out of the figures; its stderr always shows. `env` adds variables for
 * the server only (e.g. the AICMO_ENCRYPTION_KEY a benchmark seals provider keys with).
 */
export async function bootSeededServer(opts: { quiet?: boolean; env?: Record<string, string | undefined> } = {}): Promise<BenchServer> {
  // Building is not what we measure, and it must happen before the clock starts.
  await ensureProductionBuild();
  const cluster = await startTempCluster({ label: "bench" });
  try {
    const databaseUrl = await createDatabase(cluster.adminUrl, randomDbName("bench"));
    const { migrateDatabase } = await import("@/scripts/migrate");
    const { seedDemo } = await import("@/scripts/seed");
    await migrateDatabase(databaseUrl);
    await seedDemo(databaseUrl);

    const port = await pickFreePort();
    const server = spawnNextStart({
      port,
      databaseUrl,
      stdio: opts.quiet === false ? "inherit" : ["ignore", "ignore", "inherit"],
      env: opts.env,
    });
    const baseUrl = `http://localhost:${port}`;
    const stop = async () => {
      await stopChild(server, "SIGTERM");
      await cluster.stop();
    };
    try {
      await waitForHttpOk(`${baseUrl}/api/health`, { timeoutMs: 120_000, child: server });
    } catch (err) {
      await stop();
      throw err;
    }
    return { baseUrl, databaseUrl, adminUrl: cluster.adminUrl, pid: server.pid!, stop };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
