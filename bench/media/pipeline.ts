// Times the media upload pipeline on one 12 MP JPEG through the engine's own functions (ingestAsset, then generateVariants for
// the six crops), with its stages and a plain sharp resize of the same file beside it. Never re-implements a pipeline step.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import sharp from "sharp";
import type { Db } from "@/db/client";
import type { MediaVariantPreset } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { createLibrary, generateVariants, ingestAsset, listVariants } from "@/lib/media";
import { analyzeFile } from "@/lib/media/analyze";
import { RATIO_PRESETS, focalCrop, outputSize } from "@/lib/media/crop";
import { mergeLimits, receiveToFile } from "@/lib/media/ingest";
import { makeWorkDir } from "@/lib/media/workdir";
import { createBenchWorkspace } from "../crm/workspace";
import type { Figures } from "../lib/figures";
import { round, summarize, type Summary } from "../lib/percentiles";
import { timed } from "../lib/timing";

const CROPS: MediaVariantPreset[] = RATIO_PRESETS.map((p) => p.preset);
const CONVERSIONS: MediaVariantPreset[] = ["webp", "avif"];

export interface PipelineInput {
  db: Db;
  /** The 12 MP JPEG on local disk. */
  file: string;
  width: number;
  height: number;
  runs: number;
  warmup: number;
  conversionRuns: number;
  log: (line: string) => void;
}

export interface PipelineResult {
  figures: Figures;
  total: Summary;
  peer: Summary;
}

/** A fresh workspace and library per upload: the same file is new to each, so every run does the whole pipeline. */
async function freshLibrary(db: Db, i: number): Promise<{ ctx: Ctx; libraryId: string }> {
  const ctx = await createBenchWorkspace(db, `Bench media ${i}`);
  const lib = await createLibrary(ctx, { name: "Photos" });
  return { ctx, libraryId: lib.id };
}

interface Run {
  upload: number;
  crops: number;
  /** CPU time of this process over the upload and the crops (user + system, all threads): contention barely moves it. */
  cpu: number;
  receive: number;
  analyze: number;
  peer: number;
}

/** One upload and its six crops, checked: a run whose asset or crops are wrong reports nothing. */
async function uploadAndCrop(input: PipelineInput, i: number): Promise<{ upload: number; crops: number; ctx: Ctx; assetId: string }> {
  const { ctx, libraryId } = await freshLibrary(input.db, i);
  const up = await timed(() =>
    ingestAsset(ctx, { libraryId, fileName: "IMG_4000x3000.jpg", stream: createReadStream(input.file) }, { variants: "skip" }),
  );
  if (!up.value.created) throw new Error("the benchmark photo was refused as a duplicate in a fresh workspace");
  const asset = up.value.asset;
  if (asset.width !== input.width || asset.height !== input.height || asset.dhash === null || !asset.blurhash) {
    throw new Error(`the upload recorded ${asset.width}×${asset.height}, dhash ${asset.dhash}, blurhash ${asset.blurhash}`);
  }
  const crops = await timed(() => generateVariants(input.db, { workspaceId: ctx.workspaceId, assetId: asset.id, presets: CROPS }));
  if (crops.value.made !== CROPS.length) throw new Error(`generateVariants made ${crops.value.made} crops, not ${CROPS.length}`);
  const stored = await listVariants(input.db, ctx.workspaceId, asset.id);
  for (const p of RATIO_PRESETS) {
    const want = outputSize(focalCrop(input.width, input.height, p.ratio), p);
    const got = stored.find((v) => v.preset === p.preset);
    if (got?.width !== want.width || got.height !== want.height) {
      throw new Error(`crop ${p.preset} is ${got?.width}×${got?.height}, expected ${want.width}×${want.height}`);
    }
  }
  if (!stored.some((v) => v.preset === "thumb")) throw new Error("the upload stored no thumbnail");
  return { upload: up.ms, crops: crops.ms, ctx, assetId: asset.id };
}

/** The first two stages on their own, through the same functions ingestAsset calls. */
async function stages(file: string): Promise<{ receive: number; analyze: number }> {
  const limits = mergeLimits();
  const workDir = await makeWorkDir();
  try {
    const received = await timed(() => receiveToFile(createReadStream(file), "IMG_4000x3000.jpg", workDir, limits));
    const analysis = await timed(() => analyzeFile(received.value.file, received.value.type, workDir, limits));
    if (analysis.value.dhash === null) throw new Error("analyzeFile found no picture");
    return { receive: received.ms, analyze: analysis.ms };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The peer: one plain sharp resize of the same file to a 1080 px box, JPEG out, as a minimal upload handler would do. */
async function plainResize(file: string): Promise<number> {
  return (await timed(() => sharp(file).resize(1080, 1080, { fit: "inside" }).jpeg({ quality: 85 }).toBuffer())).ms;
}

const ms = (v: number) => ({ value: round(v, 1), unit: "ms" });

export async function measurePipeline(input: PipelineInput): Promise<PipelineResult> {
  const { log } = input;
  for (let i = 0; i < input.warmup; i++) {
    await uploadAndCrop(input, -1 - i);
    await stages(input.file);
    await plainResize(input.file);
  }
  const runs: Run[] = [];
  let last: { ctx: Ctx; assetId: string } | undefined;
  for (let i = 0; i < input.runs; i++) {
    // Round-robin, so drift on a shared machine hits the engine and the peer alike.
    const cpu0 = process.cpuUsage();
    const r = await uploadAndCrop(input, i);
    const used = process.cpuUsage(cpu0);
    const s = await stages(input.file);
    const peer = await plainResize(input.file);
    runs.push({ upload: r.upload, crops: r.crops, cpu: (used.user + used.system) / 1000, receive: s.receive, analyze: s.analyze, peer });
    last = r;
    log(`pipeline run ${i + 1}/${input.runs}: upload ${r.upload.toFixed(0)} ms + 6 crops ${r.crops.toFixed(0)} ms; plain resize ${peer.toFixed(0)} ms`);
  }

  // WebP and AVIF conversions of the full picture: part of the variant job, not of the goal; slow, so only a few runs.
  const conversions: number[] = [];
  for (let i = 0; i < input.conversionRuns && last; i++) {
    const c = await timed(() => generateVariants(input.db, { workspaceId: last!.ctx.workspaceId, assetId: last!.assetId, presets: CONVERSIONS }));
    if (i === 0 && c.value.made !== CONVERSIONS.length) throw new Error(`generateVariants made ${c.value.made} conversions, not 2`);
    conversions.push(c.ms);
    // Remove them again so the next run converts instead of keeping the stored ones.
    await input.db.$client.query("delete from media_variants where workspace_id = $1 and asset_id = $2 and preset = any($3)", [
      last.ctx.workspaceId,
      last.assetId,
      CONVERSIONS,
    ]);
    log(`conversions run ${i + 1}/${input.conversionRuns}: WebP + AVIF of the full picture ${c.ms.toFixed(0)} ms`);
  }

  const total = summarize(runs.map((r) => r.upload + r.crops));
  const upload = summarize(runs.map((r) => r.upload));
  const crops = summarize(runs.map((r) => r.crops));
  const receive = summarize(runs.map((r) => r.receive));
  const analyze = summarize(runs.map((r) => r.analyze));
  const peer = summarize(runs.map((r) => r.peer));
  const cpu = summarize(runs.map((r) => r.cpu));
  const conv = summarize(conversions);
  return {
    figures: {
      "pipeline.runs": { value: runs.length, unit: "runs" },
      "pipeline.total_p50": ms(total.p50),
      "pipeline.total_p95": ms(total.p95),
      "pipeline.total_cpu_p50": ms(cpu.p50),
      "pipeline.upload_p50": ms(upload.p50),
      "pipeline.upload_p95": ms(upload.p95),
      "pipeline.crops6_p50": ms(crops.p50),
      "pipeline.crops6_p95": ms(crops.p95),
      "pipeline.stage_receive_sha256_p50": ms(receive.p50),
      "pipeline.stage_analyze_phash_p50": ms(analyze.p50),
      "pipeline.peer_sharp_resize_p50": ms(peer.p50),
      "pipeline.peer_sharp_resize_p95": ms(peer.p95),
      "pipeline.total_vs_peer": { value: round(total.p50 / peer.p50, 1), unit: "x" },
      ...(conversions.length ? { "pipeline.conversions_webp_avif_p50": ms(conv.p50) } : {}),
    },
    total,
    peer,
  };
}
