// Benchmark: `npm start` from an empty data folder to the first 200 (cold), and again on the same folder (warm).
// Never time the `next build` (it runs first if missing), never use the real .data/, and never leave processes behind.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { childEnv } from "@/lib/env";
import { pickFreePort } from "@/scripts/lib/ports";
import { ensureProductionBuild, exited, projectRoot } from "@/scripts/lib/prod-server";
import type { Figures } from "../lib/figures";
import { round } from "../lib/percentiles";

const START_TIMEOUT_MS = 240_000;

interface Run {
  child: ChildProcess;
  readyMs: number;
}

/** Spawns scripts/start.ts in its own process group (so that nothing it starts can outlive us). */
function spawnStart(dataDir: string, pgPort: number, port: number): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"],
    {
      cwd: projectRoot,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: childEnv({
        AICMO_DATA_DIR: dataDir,
        AICMO_PG_PORT: String(pgPort),
        PORT: String(port),
        APP_URL: `http://localhost:${port}`,
        // The point is the embedded database: a developer's real one must not leak in.
        DATABASE_URL: undefined,
        TEST_PG_ADMIN_URL: undefined,
        NODE_ENV: undefined,
      }),
    },
  );
}

/** Milliseconds from spawn to the first 200 from /api/health (or /sign-in when the app has no health route). */
async function startAndTime(dataDir: string, pgPort: number, port: number): Promise<Run> {
  const t0 = performance.now();
  const child = spawnStart(dataDir, pgPort, port);
  const base = `http://localhost:${port}`;
  let paths = ["/api/health"];
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`scripts/start.ts exited (code ${child.exitCode ?? child.signalCode}) before answering`);
    }
    for (const p of paths) {
      try {
        const res = await fetch(base + p, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return { child, readyMs: performance.now() - t0 };
        if (res.status === 404 && !paths.includes("/sign-in")) paths = [...paths, "/sign-in"];
      } catch {
        // Not listening yet.
      }
    }
    // Short polls: the interval bounds the measurement error.
    await new Promise((r) => setTimeout(r, 25));
  }
  killGroup(child, "SIGKILL");
  throw new Error(`no 200 from ${base}/api/health within ${START_TIMEOUT_MS} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** True while any live (non-zombie) process is left in process group `pgid` (Linux /proc). */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the parenthesised command: state, ppid, pgrp, ...
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

/**
 * SIGINT to the whole process group, as a terminal's Ctrl-C sends it (signalling only tsx's wrapper makes tsx
 * SIGKILL its child if the child does not acknowledge within 60 ms). Shutdown counts as done when every process of
 * the group, Postgres included, has exited; a group still alive after `graceMs` is killed.
 */
async function stop(child: ChildProcess, graceMs = 30_000): Promise<number> {
  const t0 = performance.now();
  const pgid = child.pid;
  killGroup(child, "SIGINT");
  const running = () => child.exitCode === null && child.signalCode === null;
  while (running() || (pgid !== undefined && groupAlive(pgid))) {
    if (performance.now() - t0 > graceMs) {
      console.error("cold-start: the server's process group outlived the grace period; killing it");
      killGroup(child, "SIGKILL");
      await exited(child);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** A postmaster that escaped the process group would hold the port and the folder; stop it ourselves. */
function stopStrayPostmasters(dir: string): void {
  const visit = (d: string, depth: number) => {
    if (depth > 3 || !existsSync(d)) return;
    const pidFile = path.join(d, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
      // Check the pid still belongs to a postgres (a stale pid file can name a recycled pid).
      if (pid > 0 && readProc(pid, "cmdline").includes("postgres")) {
        try {
          process.kill(pid, "SIGINT");
          console.error(`cold-start: stopped a postmaster (pid ${pid}) that outlived start.ts`);
        } catch {
          // It ended meanwhile.
        }
      }
    }
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) visit(path.join(d, e.name), depth + 1);
  };
  visit(dir, 0);
}

export default async function run(): Promise<Figures> {
  await ensureProductionBuild();
  const root = mkdtempSync(path.join(os.tmpdir(), "aicmo-bench-cold-"));
  // Postgres runs as the `postgres` user when we are root: it must be able to enter the folder.
  chmodSync(root, 0o755);
  const dataDir = path.join(root, "data");
  const pgPort = await pickFreePort();
  let port = await pickFreePort();
  while (port === pgPort) port = await pickFreePort();
  let live: ChildProcess | undefined;
  const onSignal = () => {
    if (live) killGroup(live, "SIGINT");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const cold = await startAndTime(dataDir, pgPort, port);
    live = cold.child;
    const stopMs = await stop(cold.child);
    live = undefined;
    stopStrayPostmasters(root);

    const warm = await startAndTime(dataDir, pgPort, port);
    live = warm.child;
    await stop(warm.child);
    live = undefined;

    return {
      cold_start_ms: { value: round(cold.readyMs, 0), unit: "ms" },
      warm_restart_ms: { value: round(warm.readyMs, 0), unit: "ms" },
      shutdown_ms: { value: round(stopMs, 0), unit: "ms" },
    };
  } finally {
    if (live) await stop(live, 10_000);
    stopStrayPostmasters(root);
    // Give a just-signalled postmaster a moment to release its files.
    await new Promise((r) => setTimeout(r, 500));
    rmSync(root, { recursive: true, force: true });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
