// The gateway benchmark's helper processes: the loopback upstream and Portkey's gateway, each spawned with node directly.
// Never start them through npx or a shell (the pid we hold must be the server's own) and never let one outlive the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { childEnv } from "@/lib/env";
import { pickFreePort } from "@/scripts/lib/ports";
import { projectRoot, stopChild, waitForHttpOk } from "@/scripts/lib/prod-server";

/** What the upstream answers; the benchmark checks every path returns exactly this text. */
export const UPSTREAM_TEXT = "Spring sale: everything 20% off until Sunday.";

/**
 * A detached watchdog for one child: if the benchmark dies without cleaning up (SIGKILL, a crash in a native module),
 * it kills the child. It exits by itself as soon as the child is gone, i.e. at once after a normal stop.
 */
const REAPER = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, "SIGKILL"); } catch {} process.exit(0); }
}, 500);
`;

/** Kills `pid` if this process dies without stopping it first (e.g. for next start, which bench/lib/server.ts spawns). */
export function killIfBenchmarkDies(pid: number): void {
  const reaper = spawn(process.execPath, ["-e", REAPER, String(process.pid), String(pid)], { detached: true, stdio: "ignore" });
  reaper.unref();
}

function guard(child: ChildProcess): void {
  if (child.pid === undefined) return;
  killIfBenchmarkDies(child.pid);
  // A normal exit of the benchmark (even process.exit from an error path) takes the child with it.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.on("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));
}

/** Keeps the last few KB a child wrote, to explain a failure without flooding the benchmark's output. */
function tail(stream: NodeJS.ReadableStream | null, limit = 4_000): () => string {
  let buf = "";
  stream?.on("data", (chunk: Buffer) => {
    buf = (buf + chunk.toString("utf8")).slice(-limit);
  });
  return () => buf.trim();
}

export interface Upstream {
  pid: number;
  /** Answers 200 after the fixed latency; configure clients with this (it includes /v1, as api.openai.com/v1 does). */
  okBaseUrl: string;
  /** Answers 500 at once. */
  failBaseUrl: string;
  /** How many chat completions each port has answered so far. */
  counts(): Promise<{ ok: number; fail: number }>;
  stop(): Promise<void>;
}

export async function startUpstream(latencyMs: number): Promise<Upstream> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(projectRoot, "bench/gateway/upstream.ts"), String(latencyMs), UPSTREAM_TEXT],
    { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"], env: childEnv({}) },
  );
  guard(child);
  const stderr = tail(child.stderr);
  const stop = () => stopChild(child, "SIGTERM", 5_000);
  try {
    const ports = await new Promise<{ okPort: number; failPort: number }>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(() => reject(new Error("the upstream did not report its ports within 20 s")), 20_000);
      lines.once("line", (line) => {
        clearTimeout(timer);
        lines.close();
        try {
          resolve(JSON.parse(line) as { okPort: number; failPort: number });
        } catch {
          reject(new Error(`the upstream printed "${line}" instead of its ports`));
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the upstream exited (code ${code}) before it listened: ${stderr()}`));
      });
    });
    // Nothing else is read from stdout; keep the pipe drained so the child can never block on it.
    child.stdout!.resume();
    const origin = (port: number) => `http://127.0.0.1:${port}`;
    return {
      pid: child.pid!,
      okBaseUrl: `${origin(ports.okPort)}/v1`,
      failBaseUrl: `${origin(ports.failPort)}/v1`,
      async counts() {
        const res = await fetch(`${origin(ports.okPort)}/__counts`);
        return (await res.json()) as { ok: number; fail: number };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface Portkey {
  pid: number;
  url: string;
  /** What Portkey wrote to stderr lately (it prints upstream failures there). */
  stderr(): string;
  stop(): Promise<void>;
}

const portkeyEntry = path.join(projectRoot, "node_modules/@portkey-ai/gateway/build/start-server.js");

/**
 * Portkey's prebuilt Node server. It reads its port only from `--port=<n>` (with the equals sign: `--port <n>` is
 * ignored and it binds 8787); `--headless` and NODE_ENV=production leave out its UI and log-stream routes.
 */
export async function startPortkey(): Promise<Portkey> {
  const port = await pickFreePort();
  const child = spawn(process.execPath, [portkeyEntry, `--port=${port}`, "--headless"], {
    cwd: projectRoot,
    // Its stdout is a spinner and a console.clear(): keep it off the benchmark's terminal.
    stdio: ["ignore", "ignore", "pipe"],
    env: childEnv({ NODE_ENV: "production" }),
  });
  guard(child);
  const stderr = tail(child.stderr);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child, "SIGTERM", 5_000);
  try {
    await waitForHttpOk(`${url}/`, { timeoutMs: 30_000, child, intervalMs: 100 });
  } catch (err) {
    await stop();
    throw new Error(`Portkey's gateway did not start: ${err instanceof Error ? err.message : String(err)}\n${stderr()}`);
  }
  return { pid: child.pid!, url, stderr, stop };
}
