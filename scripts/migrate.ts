// Applies the committed drizzle-kit SQL migrations (db/migrations) to a database, idempotently and one process at a time.
// `npm run db:migrate` migrates DATABASE_URL, or the embedded cluster when it is unset. Never edits a landed migration.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS_FOLDER = path.join(root, "db", "migrations");

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 74_210_001;

export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

async function main() {
  const { withAppDatabase } = await import("./lib/app-db");
  await withAppDatabase(async (url, where) => {
    await migrateDatabase(url);
    console.log(`migrations applied to ${where}`);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
