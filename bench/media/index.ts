// Benchmark: the media upload pipeline on a 12 MP JPEG (SHA-256, perceptual hash, thumbnail, six platform crops) beside a
// plain sharp resize, and the near-duplicate lookup over 1M stored hashes beside a sequential bit_count scan.
// Never touch .data/ or a real database; never leave the cluster or the media files behind.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createDb, type Db } from "@/db/client";
import { createLibrary } from "@/lib/media";
import { setEnv } from "@/lib/env";
import { createDatabase, randomDbName } from "@/scripts/lib/pg-admin";
import { startTempCluster, type TempCluster } from "@/scripts/lib/temp-cluster";
import { createBenchWorkspace } from "../crm/workspace";
import type { Figures } from "../lib/figures";
import { round } from "../lib/percentiles";
import { seconds } from "../lib/timing";
import { generateHashes, plantProbes } from "./hashes";
import { measureLookup } from "./lookup";
import { makePhoto } from "./photo";
import { measurePipeline } from "./pipeline";

const FULL_HASHES = 1_000_000;
const SMALL_WORKSPACE_HASHES = 10_000;
const DEFAULTS = { runs: 15, warmup: 2, conversionRuns: 1, probes: 200, lookupWarmup: 20 };
const GOAL = { pipelineMs: 400, lookupMs: 20 };

const say = (msg: string) => console.error(`media: ${msg}`);

function flag(argv: string[], name: string, fallback: number, check: (n: number) => boolean): number {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const n = Number(arg.slice(name.length + 3));
  if (!Number.isFinite(n) || !check(n)) throw new Error(`--${name} got "${arg}"`);
  return n;
}

function verdict(met: boolean): string {
  return met ? "met" : "NOT met";
}

export default async function run(): Promise<Figures> {
  const argv = process.argv.slice(2);
  const hashes = flag(argv, "hashes", FULL_HASHES, (n) => Number.isInteger(n) && n >= 10_000);
  const runs = flag(argv, "runs", DEFAULTS.runs, (n) => Number.isInteger(n) && n >= 1);
  const conversionRuns = flag(argv, "conversion-runs", DEFAULTS.conversionRuns, (n) => Number.isInteger(n) && n >= 0);
  const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  if (only && only !== "pipeline" && only !== "lookup") throw new Error(`--only must be pipeline or lookup, got "${only}"`);

  const figures: Figures = {
    "host.cores": { value: os.cpus().length, unit: "cores" },
    "host.sharp_concurrency": { value: sharp.concurrency(), unit: "threads" },
    "host.load_avg_1m_before": { value: round(os.loadavg()[0]!), unit: "" },
  };
  const goals: string[] = [];
  let cluster: TempCluster | undefined;
  let db: Db | undefined;
  try {
    cluster = await startTempCluster({ label: "bench-media" });
    const url = await createDatabase(cluster.adminUrl, randomDbName("bench_media"));
    const { migrateDatabase } = await import("@/scripts/migrate");
    await migrateDatabase(url);
    db = createDb(url, 10);
    // Local storage and work folders inside the cluster's temp folder, deleted with it.
    setEnv("AICMO_DATA_DIR", path.join(cluster.root, "data"));
    setEnv("MEDIA_STORAGE", "local");
    say(`migrated a throwaway database on port ${cluster.port} (${cluster.root})`);

    if (only !== "lookup") {
      const made = performance.now();
      const photo = await makePhoto();
      const file = path.join(cluster.root, "IMG_4000x3000.jpg");
      await writeFile(file, photo.bytes);
      say(`made a ${photo.width}×${photo.height} JPEG of ${(photo.bytes.length / 1024 / 1024).toFixed(2)} MB in ${seconds(performance.now() - made)}`);
      figures["pipeline.photo_bytes"] = { value: round(photo.bytes.length / 1024 / 1024), unit: "MB" };
      const r = await measurePipeline({ db, file, width: photo.width, height: photo.height, runs, warmup: DEFAULTS.warmup, conversionRuns, log: say });
      Object.assign(figures, r.figures);
      goals.push(
        `pipeline (upload + 6 crops) p50 ≤ ${GOAL.pipelineMs} ms: ${r.total.p50.toFixed(0)} ms — ${verdict(r.total.p50 <= GOAL.pipelineMs)}` +
          `; one plain sharp resize of the same file: ${r.peer.p50.toFixed(0)} ms`,
      );
    }

    if (only !== "pipeline") {
      const big = await createBenchWorkspace(db, "Bench hashes");
      const small = await createBenchWorkspace(db, "Bench hashes (other tenant)");
      const bigLib = await createLibrary(big, { name: "Everything" });
      const smallLib = await createLibrary(small, { name: "Everything" });
      const started = performance.now();
      const bigSpace = { workspaceId: big.workspaceId, libraryId: bigLib.id, rows: hashes, offset: 0 };
      await generateHashes(
        db.$client,
        [bigSpace, { workspaceId: small.workspaceId, libraryId: smallLib.id, rows: SMALL_WORKSPACE_HASHES, offset: 100_000_000 }],
        say,
      );
      const probes = await plantProbes(db.$client, bigSpace, DEFAULTS.probes);
      await db.$client.query("vacuum (analyze) media_assets");
      figures["lookup.generate"] = { value: round((performance.now() - started) / 1000, 1), unit: "s" };
      say(`generated ${hashes.toLocaleString("en")} hashes and ${DEFAULTS.probes} probes in ${seconds(performance.now() - started)}`);
      const r = await measureLookup({ ctx: big, db, databaseUrl: url, probes, rows: hashes, warmup: DEFAULTS.lookupWarmup, log: say });
      console.error(`media: plain scan plan:\n${r.plan}`);
      console.error(`media: the engine's query plan (one series probe):\n${r.engineExplain}`);
      const exec = /Execution Time: ([\d.]+) ms/.exec(r.engineExplain);
      if (exec) figures["lookup.engine_sql_execution_one_probe"] = { value: round(Number(exec[1])), unit: "ms" };
      Object.assign(figures, r.figures);
      goals.push(
        `near-duplicate lookup ≤ ${GOAL.lookupMs} ms over ${hashes.toLocaleString("en")} hashes: p50 ${r.engine.p50.toFixed(1)} ms, p95 ${r.engine.p95.toFixed(1)} ms — ` +
          `${verdict(r.engine.p95 <= GOAL.lookupMs)} (p95); the sequential bit_count scan: p50 ${r.peer.p50.toFixed(1)} ms`,
      );
      if (hashes < FULL_HASHES) goals.push(`  (only ${hashes.toLocaleString("en")} hashes: the lookup goal is about ${FULL_HASHES.toLocaleString("en")})`);
    }

    figures["host.load_avg_1m_after"] = { value: round(os.loadavg()[0]!), unit: "" };
    console.log("\ngoals (printed, not asserted):");
    for (const g of goals) console.log(`  ${g}`);
    return figures;
  } finally {
    await db?.$client.end().catch(() => {});
    await cluster?.stop();
  }
}
