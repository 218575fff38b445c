// Creates and drops whole databases on a cluster we control (test templates, per-file test dbs, e2e and bench dbs).
// Never point it at a production server: it drops databases with FORCE, disconnecting whoever is on them.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** A lowercase, identifier-safe name such as `test_3f9a0c1d2e4b`. */
export function randomDbName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** The same server and credentials as `adminUrl`, on another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Postgres' "source database is being accessed by other users" (object_in_use). */
const OBJECT_IN_USE = "55006";

/**
 * CREATE DATABASE, optionally as a copy of `template`. Copying needs the template to have no sessions; a pool that
 * is still closing can hold one for a moment, so that case is retried briefly.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const sql = `create database ${quoteIdent(name)}${template ? ` template ${quoteIdent(template)}` : ""}`;
  await withAdmin(adminUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== OBJECT_IN_USE || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
}

/** Ends every session on `name` (e.g. a migration pool left idle) so that it can serve as a template. */
export async function disconnectAll(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) =>
    client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [
      name,
    ]),
  );
}
