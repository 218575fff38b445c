// Runs the CSV import in a fresh worker process (bench/crm/import-worker.ts under tsx) and watches it from here: progress,
// a sampled profile of the statements it runs, and our cluster's CPU. Never leave the worker running: its process group is killed.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/auth/context";
import { exited, projectRoot } from "@/scripts/lib/prod-server";
import { seconds } from "../lib/timing";
import { startCpuMeter } from "./cpu";
import type { ImportCsv, ImportRun } from "./csv-import";

export const IMPORT_RESULT_PREFIX = "CRM_IMPORT_RESULT ";
const POLL_MS = 250;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "import-worker.ts");

export interface ImportWorkerInput {
  databaseUrl: string;
  dataDir: string;
  workspaceId: string;
  userId: string;
  actorLabel: string;
  csv: ImportCsv;
}

export interface WatchedImport {
  run: ImportRun;
  /** CPU of our cluster while the worker ran (its backends, autovacuum, checkpoints). */
  postgresCpuMs: number;
  /** Statements seen running, with how many polls saw each (× POLL_MS ≈ time). */
  statements: [string, number][];
  pollMs: number;
}

/** The statements other sessions of this database are running right now, whitespace folded and cut short. */
async function activeStatements(db: Db): Promise<string[]> {
  const { rows } = await db.$client.query<{ q: string }>(
    `select left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as q from pg_stat_activity
      where datname = current_database() and state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows.map((r) => r.q);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function timeImportInWorker(opts: {
  db: Db;
  databaseUrl: string;
  ctx: Ctx;
  csv: ImportCsv;
  dataDir: string;
  pgDataDir: string;
  log: (line: string) => void;
}): Promise<WatchedImport> {
  const { db, ctx, log } = opts;
  const input: ImportWorkerInput = {
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    workspaceId: ctx.workspaceId,
    userId: ctx.userId,
    actorLabel: ctx.actorLabel,
    csv: opts.csv,
  };
  const cpu = startCpuMeter(opts.pgDataDir);
  // Its own process group, so that tsx's wrapper and the node process under it go together.
  const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", WORKER, JSON.stringify(input)], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const onExit = () => killGroup(child, "SIGKILL");
  process.on("exit", onExit);
  let stdout = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });

  const started = performance.now();
  let lastLog = started;
  let polling = false;
  const statements = new Map<string, number>();
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    activeStatements(db)
      .then(async (active) => {
        for (const q of active) statements.set(q, (statements.get(q) ?? 0) + 1);
        if (performance.now() - lastLog < 3_000) return;
        lastLog = performance.now();
        const { rows } = await db.$client.query<{ status: string; processed: number; total: number }>(
          `select status, processed_rows as processed, total_rows as total from contact_imports
            where workspace_id = $1 order by created_at desc limit 1`,
          [ctx.workspaceId],
        );
        const r = rows[0];
        log(`import: ${r ? `${r.status} ${r.processed.toLocaleString("en")}/${r.total.toLocaleString("en")} rows` : "uploading"} (${seconds(lastLog - started)})`);
      })
      .catch(() => {})
      .finally(() => {
        polling = false;
      });
  }, POLL_MS);

  try {
    await exited(child);
  } finally {
    clearInterval(poll);
    killGroup(child, "SIGKILL");
    process.off("exit", onExit);
  }
  const postgresCpuMs = cpu.stop().postgresMs;
  const line = stdout.split("\n").find((l) => l.startsWith(IMPORT_RESULT_PREFIX));
  if (child.exitCode !== 0 || !line) throw new Error(`the import worker exited with ${child.exitCode ?? child.signalCode} and no result`);
  const run = JSON.parse(line.slice(IMPORT_RESULT_PREFIX.length)) as ImportRun;
  return { run, postgresCpuMs, statements: [...statements.entries()].sort((a, b) => b[1] - a[1]), pollMs: POLL_MS };
}
