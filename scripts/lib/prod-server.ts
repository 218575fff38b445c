// Runs the production Next server (`next start`) against a given database, for e2e runs and benchmarks.
// Never start it through npx or a shell (the pid we hold must be the server's own) and never reuse .data/ here.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { childEnv } from "@/lib/env";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");

/** Runs `next build` when there is no production build yet (benchmarks need one; the test run always builds). */
export async function ensureProductionBuild(): Promise<void> {
  if (existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) return;
  const code = await runToExit(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

export interface NextStartOptions {
  port: number;
  databaseUrl: string;
  stdio?: StdioOptions;
  /** Extra variables, e.g. RUN_WORKERS. */
  env?: Record<string, string | undefined>;
}

/** Spawns `next start` with a fresh random AUTH_SECRET, METRICS_TOKEN and AICMO_ENCRYPTION_KEY. Resolve readiness with waitForHttpOk. */
export function spawnNextStart(opts: NextStartOptions): ChildProcess {
  return spawn(process.execPath, [nextBin, "start", "-p", String(opts.port), "-H", "localhost"], {
    cwd: projectRoot,
    stdio: opts.stdio ?? "inherit",
    env: childEnv({
      DATABASE_URL: opts.databaseUrl,
      APP_URL: `http://localhost:${opts.port}`,
      // 36 random bytes are exactly 48 base64url characters.
      AUTH_SECRET: randomBytes(36).toString("base64url"),
      METRICS_TOKEN: randomBytes(24).toString("hex"),
      // Seals provider API keys at rest; production refuses to store one without it.
      AICMO_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      NODE_ENV: "production",
      PORT: String(opts.port),
      ...opts.env,
    }),
  });
}

/** Resolves with the exit code (null when killed by a signal). */
export function runToExit(command: string, args: string[], options: Parameters<typeof spawn>[2]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, ...options });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });
}

/** Resolves once the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Asks a child to stop, and kills it if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/**
 * Polls `url` until it answers 200. Rejects on timeout, or at once if `child` exits first (so a crashed server does
 * not cost the whole timeout).
 */
export async function waitForHttpOk(url: string, opts: { timeoutMs: number; child?: ChildProcess; intervalMs?: number }): Promise<void> {
  const until = Date.now() + opts.timeoutMs;
  let last = "no answer";
  while (Date.now() < until) {
    if (opts.child && (opts.child.exitCode !== null || opts.child.signalCode !== null)) {
      throw new Error(`server exited (code ${opts.child.exitCode ?? opts.child.signalCode}) before ${url} answered 200`);
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
  throw new Error(`${url} did not answer 200 within ${opts.timeoutMs} ms (last: ${last})`);
}
