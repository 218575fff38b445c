// The Postgres pool and Drizzle handle. One pool per process per URL; engines receive `db` as an argument.
// Never read DATABASE_URL anywhere else; never create a pool per request.
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool-backed handle or a transaction: engine functions accept both. */
export type DbOrTx = Db | Tx;

// On globalThis: Next.js loads this module once per bundle (instrumentation, route handlers, server actions), and a
// module-level Map would open one pool per bundle against the same server.
const g = globalThis as typeof globalThis & { __aicmoPools?: Map<string, Db> };
const pools = (g.__aicmoPools ??= new Map<string, Db>());

// Keep timestamptz and date columns as the driver's defaults; bigint counts arrive as strings unless cast.
export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {
    // An idle client lost its connection (e.g. the server restarted); the pool replaces it on next use.
  });
  return drizzle(pool, { schema }) as Db;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which boots the embedded database.");
  return url;
}

/** The process-wide handle for DATABASE_URL. */
export function getDb(): Db {
  const url = databaseUrl();
  let db = pools.get(url);
  if (!db) {
    db = createDb(url);
    pools.set(url, db);
  }
  return db;
}

export async function closeAllDbs(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((d) => d.$client.end()));
}

export { schema };
