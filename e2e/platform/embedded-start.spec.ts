// The README's first command, end to end: `scripts/start.ts` with no DATABASE_URL and an empty data folder initialises
// the embedded Postgres, migrates, seeds and serves HTTP 200; Ctrl-C (SIGINT) then stops Postgres cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { childEnv } from "../../lib/env";
import { pickFreePort } from "../../scripts/lib/ports";

test.describe.configure({ mode: "serial" });

async function waitForOk(url: string, ms: number, log: () => string): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${ms} ms. Start output:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("an empty data folder becomes a running, seeded dashboard, and Ctrl-C stops Postgres", async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-start-"));
  // mkdtemp makes a 0700 folder; when tests run as root, Postgres runs as the `postgres` user and must traverse it.
  chmodSync(dataDir, 0o755);
  const [pgPort, httpPort] = [await pickFreePort(), await pickFreePort()];
  const env = childEnv({
    AICMO_DATA_DIR: dataDir,
    AICMO_PG_PORT: String(pgPort),
    PORT: String(httpPort),
    APP_URL: `http://localhost:${httpPort}`,
    RUN_WORKERS: "true",
  });
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so Ctrl-C can be sent the way a terminal sends it: to the whole group.
      detached: true,
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const health = await waitForOk(`http://localhost:${httpPort}/api/health`, 180_000, () => output);
    const report = (await health.json()) as { database: { ok: boolean } };
    expect(report.database.ok).toBe(true);
    expect(existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    // The workers that instrumentation starts at boot are the ones the health route sees (one queue per process,
    // whichever bundle asks), so the report turns "ok" once they run.
    await expect
      .poll(
        async () => {
          const r = (await (await fetch(`http://localhost:${httpPort}/api/health`)).json()) as { status: string; queue: { workers: string } };
          return `${r.status}/${r.queue.workers}`;
        },
        { timeout: 60_000 },
      )
      .toBe("ok/running");

    // The demo data is there: the seeded owner can sign in.
    await page.goto(`http://localhost:${httpPort}/sign-in`);
    await page.getByLabel("Email").fill("owner@demo.aicmo.dev");
    await page.getByLabel("Password").fill("demo-password-1");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/dashboard/);

    const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
    process.kill(-child.pid!, "SIGINT");
    // 130 (128 + SIGINT) is how a shell reports a Ctrl-C'd command; anything else means a crash.
    expect([0, 130]).toContain(await exited);
    // Nothing is left listening: the web server and Postgres both stopped.
    await expect(fetch(`http://localhost:${httpPort}/api/health`)).rejects.toThrow();
    // A clean shutdown removes the postmaster's pid file (tsx's wrapper may exit before its child has finished).
    await expect.poll(() => existsSync(path.join(dataDir, "postgres", "postmaster.pid")), { timeout: 20_000 }).toBe(false);
  } finally {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
