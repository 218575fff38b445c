// The import worker of bench/crm: runs one CSV import through the pipeline in a fresh process, as the job worker would, so
// its peak RSS is the import's alone. Never run it by hand against a real database; it prints one result line for its parent.
import { createDb } from "@/db/client";
import type { Ctx } from "@/lib/auth/context";
import { setEnv } from "@/lib/env";
import { runImportInThisProcess, type ImportCsv } from "./csv-import";
import { IMPORT_RESULT_PREFIX, type ImportWorkerInput } from "./import-process";

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? "null") as ImportWorkerInput | null;
  if (!input) throw new Error("usage: import-worker.ts '<json input>' (started by bench/crm, not by hand)");
  setEnv("AICMO_DATA_DIR", input.dataDir);
  const db = createDb(input.databaseUrl, 4);
  try {
    const ctx: Ctx = { db, workspaceId: input.workspaceId, userId: input.userId, role: "owner", actorLabel: input.actorLabel };
    const run = await runImportInThisProcess(db, ctx, input.csv as ImportCsv, (l) => console.error(`crm: ${l}`));
    process.stdout.write(`\n${IMPORT_RESULT_PREFIX}${JSON.stringify(run)}\n`);
  } finally {
    await db.$client.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
