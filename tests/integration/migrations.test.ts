// Migrations apply to an empty database, and applying them again changes nothing.
import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { migrateDatabase } from "@/scripts/migrate";
import { createDatabase, dropDatabase, randomDbName } from "@/scripts/lib/pg-admin";

const adminUrl = inject("pgAdminUrl");
const name = randomDbName("migr");
let url = "";

afterAll(async () => {
  if (url) await dropDatabase(adminUrl, name);
});

async function snapshot(u: string) {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    const cols = await c.query(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns
       where table_schema = 'public' order by table_name, column_name`,
    );
    const idx = await c.query(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`);
    const applied = await c.query(`select hash from drizzle.__drizzle_migrations order by id`);
    return { cols: cols.rows, idx: idx.rows, applied: applied.rows };
  } finally {
    await c.end();
  }
}

it("applies every migration to an empty database, then re-applies as a no-op", async () => {
  url = await createDatabase(adminUrl, name);
  await migrateDatabase(url);
  const first = await snapshot(url);
  expect(first.applied.length).toBeGreaterThan(0);
  expect(first.cols.some((r) => r.table_name === "campaigns" && r.column_name === "workspace_id")).toBe(true);
  await migrateDatabase(url);
  expect(await snapshot(url)).toEqual(first);
});

it("gives every domain table a NOT NULL workspace_id that leads an index", async () => {
  const s = await snapshot(url);
  const authTables = new Set(["users", "sessions", "accounts", "verifications", "workspaces", "login_rate_limits"]);
  const tables = [...new Set(s.cols.map((r) => r.table_name as string))].filter((t) => !authTables.has(t));
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    const ws = s.cols.find((r) => r.table_name === t && r.column_name === "workspace_id");
    expect(ws, `${t}.workspace_id`).toBeDefined();
    expect(ws?.is_nullable, `${t}.workspace_id nullable`).toBe("NO");
    const leading = s.idx.some((i) => new RegExp(`ON public\\.${t} USING \\w+ \\(workspace_id[,)]`).test(i.indexdef as string));
    expect(leading, `${t} has an index led by workspace_id`).toBe(true);
  }
});
