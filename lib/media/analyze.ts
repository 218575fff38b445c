// Reads what the library stores about a received file: dimensions, duration, pages, palette, blurhash, perceptual hash,
// safe EXIF. Refuses truncated files, pixel bombs and unsafe SVGs. Never keeps GPS, and never decodes past the pixel limit.
import "server-only";
import { createReadStream } from "node:fs";
import { open, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { encode as encodeBlurhash } from "blurhash";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { MediaExifSummary } from "@/db/schema";
import { logger } from "@/lib/log";
import type { AcceptedType } from "./detect";
import { BadMediaFileError } from "./errors";
import { summariseExif } from "./exif";
import { extractPosterFrame, probeVideo, remuxWithoutMetadata, videoToolsAvailable } from "./ffmpeg";
import type { MediaLimits } from "./limits";
import { dominantPalette } from "./palette";
import { DHASH_HEIGHT, DHASH_WIDTH, dhashFromGrey, toSigned64 } from "./phash";
import { sanitizeSvg } from "./svg";

export interface Analysis {
  width: number | null;
  height: number | null;
  durationMs: number | null;
  pageCount: number | null;
  palette: string[];
  blurhash: string | null;
  /** Signed 64-bit dHash, as stored. */
  dhash: bigint | null;
  exif: MediaExifSummary;
  /** The file to store as the original: the upload itself, or its sanitised form (SVG). */
  storeFile: string;
  /** A picture to make the thumbnail from: the file itself, a rasterised SVG or a video's poster frame (PNG). */
  pictureFile: string | null;
  /** Video only: the poster frame (PNG) and a copy of the video without metadata, when ffmpeg is available. */
  posterFile: string | null;
  cleanFile: string | null;
  notes: string[];
}

function pictureRefused(e: unknown): BadMediaFileError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(msg)) return new BadMediaFileError("PIXEL_LIMIT", "The image has too many pixels to process safely.");
  if (/premature|truncat|end of (file|data)|unexpected end|short read|incomplete/i.test(msg)) {
    return new BadMediaFileError("TRUNCATED", "The image is truncated: the upload ended before the end of the file. Upload the complete file.");
  }
  return new BadMediaFileError("CORRUPT", "The image cannot be decoded: it is truncated or damaged. Upload the complete, original file.");
}

interface PictureFacts {
  width: number;
  height: number;
  palette: string[];
  blurhash: string;
  dhash: bigint;
  rawExif: Buffer | undefined;
}

/** Decodes a picture once (bounded by the pixel limit) into a small rendering and derives every fact from it. */
async function pictureFacts(input: string | Buffer, limits: MediaLimits, options: { density?: number } = {}): Promise<PictureFacts> {
  const open = () => sharp(input, { limitInputPixels: limits.maxPixels, failOn: "error", ...(options.density ? { density: options.density } : {}) });
  let meta: Metadata;
  try {
    // Headers only: no pixel limit here, so a bomb is refused below with its real size in the message.
    meta = await sharp(input, { limitInputPixels: false, failOn: "error", ...(options.density ? { density: options.density } : {}) }).metadata();
  } catch (e) {
    throw pictureRefused(e);
  }
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const frameWidth = meta.width ?? 0;
  if (!frameWidth || !frameHeight) throw new BadMediaFileError("CORRUPT", "The image has no dimensions: the file is damaged.");
  if (frameWidth * frameHeight > limits.maxPixels) {
    throw new BadMediaFileError(
      "PIXEL_LIMIT",
      `The image is ${frameWidth} × ${frameHeight} pixels, more than the ${Math.round(limits.maxPixels / 1_000_000)} megapixels the library decodes (a decompression bomb or an oversized scan). Resize it and upload again.`,
    );
  }
  const quarterTurn = (meta.orientation ?? 1) >= 5;
  const width = quarterTurn ? frameHeight : frameWidth;
  const height = quarterTurn ? frameWidth : frameHeight;

  let small: { data: Buffer; info: OutputInfo };
  try {
    small = await open()
      .rotate()
      .resize(256, 256, { fit: "inside", withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw pictureRefused(e);
  }
  const raw = { raw: { width: small.info.width, height: small.info.height, channels: 4 as const } };
  const grey = await sharp(small.data, raw)
    .flatten({ background: "#ffffff" })
    .resize(DHASH_WIDTH, DHASH_HEIGHT, { fit: "fill", kernel: "cubic" })
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const paletteSrc = await sharp(small.data, raw).resize(64, 64, { fit: "inside" }).raw().toBuffer({ resolveWithObject: true });
  const blurSrc = await sharp(small.data, raw).resize(32, 32, { fit: "inside" }).raw().toBuffer({ resolveWithObject: true });
  const cx = blurSrc.info.width >= blurSrc.info.height ? 4 : 3;
  return {
    width,
    height,
    palette: dominantPalette(paletteSrc.data, 4),
    blurhash: encodeBlurhash(new Uint8ClampedArray(blurSrc.data), blurSrc.info.width, blurSrc.info.height, cx, 7 - cx),
    dhash: toSigned64(dhashFromGrey(grey)),
    rawExif: meta.exif,
  };
}

async function analyzeImage(file: string, limits: MediaLimits): Promise<Analysis> {
  const facts = await pictureFacts(file, limits);
  return {
    width: facts.width,
    height: facts.height,
    durationMs: null,
    pageCount: null,
    palette: facts.palette,
    blurhash: facts.blurhash,
    dhash: facts.dhash,
    exif: summariseExif(facts.rawExif) ?? {},
    storeFile: file,
    pictureFile: file,
    posterFile: null,
    cleanFile: null,
    notes: [],
  };
}

async function analyzeSvg(file: string, workDir: string, limits: MediaLimits): Promise<Analysis> {
  const bytes = await readFile(file);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const result = sanitizeSvg(text);
  if (!result.ok) {
    throw new BadMediaFileError("SVG_UNSAFE", `This SVG cannot be accepted: ${result.problems.slice(0, 5).join(" ")}`);
  }
  const clean = path.join(workDir, "sanitised.svg");
  await writeFile(clean, result.svg);
  const png = path.join(workDir, "svg-render.png");
  let facts: PictureFacts;
  try {
    facts = await pictureFacts(Buffer.from(result.svg), limits);
    await sharp(Buffer.from(result.svg), { limitInputPixels: limits.maxPixels }).png().toFile(png);
  } catch (e) {
    if (e instanceof BadMediaFileError) throw e;
    throw new BadMediaFileError("CORRUPT", "The SVG cannot be drawn.");
  }
  return {
    width: result.width ?? facts.width,
    height: result.height ?? facts.height,
    durationMs: null,
    pageCount: null,
    palette: facts.palette,
    blurhash: facts.blurhash,
    dhash: facts.dhash,
    exif: {},
    storeFile: clean,
    pictureFile: png,
    posterFile: null,
    cleanFile: null,
    notes: result.removed.length ? [`Removed from the SVG: ${result.removed.slice(0, 10).join(", ")}`] : [],
  };
}

async function analyzeVideo(file: string, type: AcceptedType, workDir: string, limits: MediaLimits): Promise<Analysis> {
  const base: Analysis = {
    width: null,
    height: null,
    durationMs: null,
    pageCount: null,
    palette: [],
    blurhash: null,
    dhash: null,
    exif: {},
    storeFile: file,
    pictureFile: null,
    posterFile: null,
    cleanFile: null,
    notes: [],
  };
  if (!videoToolsAvailable()) {
    base.notes.push("ffmpeg/ffprobe are not available: the video was stored without metadata, poster or a delivery copy.");
    return base;
  }
  try {
    const probe = await probeVideo(file);
    base.width = probe.width;
    base.height = probe.height;
    base.durationMs = probe.durationMs;
  } catch {
    throw new BadMediaFileError("TRUNCATED", "The video cannot be read: it is truncated or damaged. Upload the complete file.");
  }
  const poster = path.join(workDir, "poster.png");
  const at = base.durationMs ? Math.min(1, base.durationMs / 2000) : 0;
  try {
    await extractPosterFrame(file, poster, at);
    const facts = await pictureFacts(poster, limits);
    base.palette = facts.palette;
    base.blurhash = facts.blurhash;
    base.dhash = facts.dhash;
    base.posterFile = poster;
    base.pictureFile = poster;
  } catch (e) {
    logger().warn({ err: e }, "media: no poster frame");
    base.notes.push("No poster frame could be taken from the video.");
  }
  const clean = path.join(workDir, `clean.${type.format}`);
  try {
    await remuxWithoutMetadata(file, clean, type.format as "mp4" | "mov" | "webm");
    base.cleanFile = clean;
  } catch (e) {
    logger().warn({ err: e }, "media: video remux failed");
    base.notes.push("A metadata-free delivery copy could not be made; the video cannot be downloaded until it is.");
  }
  return base;
}

/** Reads the end of a PDF (truncation) and scans it for the page count and first page size. */
async function analyzePdf(file: string): Promise<Analysis> {
  const { size } = await stat(file);
  const handle = await open(file, "r");
  try {
    const tailLength = Math.min(size, 2048);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    if (!tail.toString("latin1").includes("%%EOF")) {
      throw new BadMediaFileError("TRUNCATED", "The PDF is truncated: it has no end-of-file marker. Upload the complete file.");
    }
  } finally {
    await handle.close();
  }
  // Cheap, best-effort reading of uncompressed page-tree dictionaries; a PDF whose page tree sits in compressed object
  // streams keeps pageCount and dimensions null.
  let pageCount: number | null = null;
  let box: number[] | null = null;
  let carry = "";
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const text = carry + (chunk as Buffer).toString("latin1");
    for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
      const n = Number(m[1] ?? m[2]);
      if (n > 0 && n < 1_000_000) pageCount = Math.max(pageCount ?? 0, n);
    }
    if (!box) {
      const mb = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(text);
      if (mb) box = mb.slice(1, 5).map(Number);
    }
    carry = text.slice(-256);
  }
  return {
    width: box ? Math.round(Math.abs(box[2]! - box[0]!)) : null,
    height: box ? Math.round(Math.abs(box[3]! - box[1]!)) : null,
    durationMs: null,
    pageCount,
    palette: [],
    blurhash: null,
    dhash: null,
    exif: {},
    storeFile: file,
    pictureFile: null,
    posterFile: null,
    cleanFile: null,
    notes: [],
  };
}

/** Everything the library records about a received file; `workDir` holds any derived files and is removed by the caller. */
export async function analyzeFile(file: string, type: AcceptedType, workDir: string, limits: MediaLimits): Promise<Analysis> {
  switch (type.kind) {
    case "image":
      return analyzeImage(file, limits);
    case "svg":
      return analyzeSvg(file, workDir, limits);
    case "video":
      return analyzeVideo(file, type, workDir, limits);
    case "pdf":
      return analyzePdf(file);
  }
}
