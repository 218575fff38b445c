// Finds the app's database for one-off scripts (migrate, seed, worker): DATABASE_URL, or the embedded cluster in AICMO_DATA_DIR.
// Never deletes or re-initialises an existing data folder.
import path from "node:path";
import { env } from "../../lib/env";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded-pg";

export const APP_DATABASE = "aicmo";

export async function openAppDatabase(log?: (l: string) => void): Promise<{ url: string; where: string; cluster?: EmbeddedCluster }> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, where: "DATABASE_URL" };
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(path.resolve(e.AICMO_DATA_DIR), "postgres"),
    port: e.AICMO_PG_PORT,
    log,
  });
  await cluster.ensureDatabase(APP_DATABASE);
  return { url: cluster.url(APP_DATABASE), where: `the embedded database (${cluster.dataDir})`, cluster };
}

export async function withAppDatabase(fn: (url: string, where: string) => Promise<void>): Promise<void> {
  const { url, where, cluster } = await openAppDatabase();
  try {
    await fn(url, where);
  } finally {
    await cluster?.stop();
  }
}
