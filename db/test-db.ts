// Integration-test databases: a fresh copy of the migrated template per test file, reached through createDb().
// Never import this from app or engine code, and never share one database between test files.
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, dropDatabase, randomDbName } from "@/scripts/lib/pg-admin";
import { createDb, type Db } from "./client";

export interface TestDb {
  db: Db;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Copies the template prepared by tests/setup/global-setup.ts into a new `test_<random>` database. */
export async function createTestDb(): Promise<TestDb> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplateDb");
  if (!adminUrl || !template) {
    throw new Error("No test database template: run integration tests with `vitest run --project integration`.");
  }
  const name = randomDbName("test");
  const url = await createDatabase(adminUrl, name, template);
  // A small pool: two files run at once and each test mostly runs one query at a time.
  const db = createDb(url, 4);
  let dropped = false;
  return {
    db,
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.$client.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

/**
 * Registers beforeAll/afterAll for the current file and returns a getter for its database:
 *   const getDb = setupTestDb();
 *   it("...", async () => { await someEngineCall(getDb(), ctx, input) });
 */
export function setupTestDb(): () => Db {
  let current: TestDb | undefined;
  beforeAll(async () => {
    current = await createTestDb();
  });
  afterAll(async () => {
    await current?.drop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("setupTestDb(): the database exists only inside tests and hooks of this file.");
    return current.db;
  };
}
