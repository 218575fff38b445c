// Vitest globalSetup for the integration project: one migrated template database that every test file copies.
// Never run tests against the template itself, and never touch the app's .data/ cluster or DATABASE_URL.
import type { TestProject } from "vitest/node";
import { env } from "@/lib/env";
import { createDatabase, disconnectAll, dropDatabase, databaseUrl, randomDbName } from "@/scripts/lib/pg-admin";
import type { TempCluster } from "@/scripts/lib/temp-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the `postgres` maintenance db on the test cluster (creates and drops per-file databases). */
    pgAdminUrl: string;
    /** The migrated template database that db/test-db.ts copies for each test file. */
    pgTemplateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `npm test` hands us its cluster; a standalone `vitest run --project integration` starts its own.
  let own: TempCluster | undefined;
  let adminUrl = env().TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    const { startTempCluster } = await import("@/scripts/lib/temp-cluster");
    own = await startTempCluster({ label: "vitest" });
    adminUrl = own.adminUrl;
  }

  const template = randomDbName("aicmo_template");
  try {
    await createDatabase(adminUrl, template);
    // Imported lazily: scripts/migrate.ts belongs to the app's start-up path and pulls in drizzle's migrator.
    const { migrateDatabase } = await import("@/scripts/migrate");
    await migrateDatabase(databaseUrl(adminUrl, template));
    // CREATE DATABASE ... TEMPLATE refuses a template with open sessions; a migration pool may still hold one.
    await disconnectAll(adminUrl, template);
  } catch (err) {
    await own?.stop();
    throw err;
  }

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplateDb", template);

  const admin = adminUrl;
  return async () => {
    // Dropping matters only on a shared cluster; our own one goes away with its folder.
    if (own) {
      await own.stop();
    } else {
      await dropDatabase(admin, template).catch(() => {});
    }
  };
}
