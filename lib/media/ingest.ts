// The upload pipeline every entry point shares: stream through a SHA-256 hasher, magic-byte sniffer and size limiter to a
// temp file, refuse exact duplicates, analyse, store the immutable original, record the asset. Never buffers a whole file.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import sharp from "sharp";
import { mediaApprovals, mediaAssets, mediaLibraries, mediaVariants, type MediaAsset } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { logger } from "@/lib/log";
import { analyzeFile, type Analysis } from "./analyze";
import { detectType, extensionMismatch, SNIFF_BYTES, type AcceptedType } from "./detect";
import { BadMediaFileError, libraryNotFound, MediaTooLargeError, UnsupportedMediaError } from "./errors";
import { DEFAULT_LIMITS, formatBytes, type MediaLimits } from "./limits";
import { findNearDuplicatesOfHash, type NearDuplicate } from "./duplicates";
import { mediaStorage, originalKey, variantKey } from "./storage";
import { makeWorkDir } from "./workdir";

export interface IngestInput {
  libraryId: string;
  fileName: string;
  /** The file's bytes, read once, front to back. */
  stream: Readable;
  /** Display name; defaults to the file name without its extension. */
  name?: string;
}

export interface IngestOptions {
  limits?: Partial<MediaLimits>;
  /** How the platform variants are made: queued as a job (default), made now, or not at all. */
  variants?: "queue" | "inline" | "skip";
  /** The queue to use for "queue"; defaults to this process's queue. */
  boss?: PgBoss;
}

export type IngestResult =
  | { created: true; asset: MediaAsset; nearDuplicates: NearDuplicate[]; notes: string[] }
  | { created: false; duplicateOf: MediaAsset };

export interface Received {
  file: string;
  bytes: number;
  sha256: string;
  type: AcceptedType;
}

/** Hashes, sniffs and size-checks the bytes flowing through, holding back only the first SNIFF_BYTES until the type is known. */
class IngestInspector extends Transform {
  private bytes = 0;
  private readonly hash = createHash("sha256");
  private head: Buffer[] = [];
  private headBytes = 0;
  type: AcceptedType | null = null;
  private limit: number;

  constructor(
    private readonly fileName: string,
    private readonly limits: MediaLimits,
  ) {
    super();
    this.limit = Math.max(...Object.values(limits.sizes));
  }

  private tooLarge(): MediaTooLargeError {
    const what = this.type ? `${this.type.label}s are` : "Uploads are";
    return new MediaTooLargeError(`The file is larger than the limit: ${what} limited to ${formatBytes(this.limit)}.`);
  }

  private async decide(): Promise<void> {
    const head = Buffer.concat(this.head);
    const detection = await detectType(head);
    if (!detection.ok) {
      if (detection.code === "EMPTY_FILE") throw new BadMediaFileError("EMPTY_FILE", detection.message);
      throw new UnsupportedMediaError(detection.message);
    }
    const mismatch = extensionMismatch(this.fileName, detection.type);
    if (mismatch) throw new UnsupportedMediaError(mismatch, "WRONG_EXTENSION");
    this.type = detection.type;
    this.limit = this.limits.sizes[detection.type.kind];
    if (this.bytes > this.limit) throw this.tooLarge();
    this.head = [];
    this.push(head);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return cb(this.tooLarge());
    this.hash.update(chunk);
    if (this.type) return cb(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return cb();
    this.decide().then(
      () => cb(),
      (e: unknown) => cb(e as Error),
    );
  }

  override _flush(cb: TransformCallback): void {
    if (this.type) return cb();
    this.decide().then(
      () => cb(),
      (e: unknown) => cb(e as Error),
    );
  }

  result(file: string): Received {
    return { file, bytes: this.bytes, sha256: this.hash.digest("hex"), type: this.type! };
  }
}

export function mergeLimits(limits?: Partial<MediaLimits>): MediaLimits {
  return { sizes: { ...DEFAULT_LIMITS.sizes, ...limits?.sizes }, maxPixels: limits?.maxPixels ?? DEFAULT_LIMITS.maxPixels };
}

/** Streams `source` into `<workDir>/upload`, hashing and checking it on the way. */
export async function receiveToFile(source: Readable, fileName: string, workDir: string, limits: MediaLimits): Promise<Received> {
  const file = path.join(workDir, "upload");
  const inspector = new IngestInspector(fileName, limits);
  try {
    await pipeline(source, inspector, createWriteStream(file, { flags: "wx" }));
  } catch (e) {
    // Stop reading the rest of a refused upload.
    source.destroy();
    throw e;
  }
  return inspector.result(file);
}

export function sanitiseFileName(name: string | undefined): string {
  const base = path.basename((name ?? "").replace(/\\/g, "/")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "upload").slice(0, 255);
}

function displayName(fileName: string): string {
  const withoutExt = fileName.replace(/\.[a-z0-9]{1,5}$/i, "").trim();
  return (withoutExt || fileName).slice(0, 200);
}

async function assertLibrary(ctx: Ctx, libraryId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(libraryId)) throw libraryNotFound();
  const [lib] = await ctx.db
    .select({ id: mediaLibraries.id })
    .from(mediaLibraries)
    .where(and(eq(mediaLibraries.workspaceId, ctx.workspaceId), eq(mediaLibraries.id, libraryId)))
    .limit(1);
  if (!lib) throw libraryNotFound();
}

/** Checks, before any byte is read, that the caller may upload into this library. */
export async function assertCanUpload(ctx: Ctx, libraryId: string): Promise<void> {
  authorize(ctx, "media.write");
  await assertLibrary(ctx, libraryId);
}

async function findBySha(ctx: Ctx, sha256: string): Promise<MediaAsset | null> {
  const [row] = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.sha256, sha256)))
    .limit(1);
  return row ?? null;
}

interface StoredVariant {
  preset: "thumb" | "poster" | "clean";
  key: string;
  width: number | null;
  height: number | null;
  bytes: number;
  format: string;
}

/** The thumbnail (and a video's poster and clean copy) are made at upload so the grid shows something at once. */
async function storeUploadVariants(ctx: Ctx, assetId: string, received: Received, analysis: Analysis, workDir: string): Promise<StoredVariant[]> {
  const storage = mediaStorage();
  const out: StoredVariant[] = [];
  if (analysis.pictureFile) {
    const thumb = path.join(workDir, "thumb.webp");
    const info = await sharp(analysis.pictureFile, { limitInputPixels: DEFAULT_LIMITS.maxPixels })
      .rotate()
      .resize(400, 400, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toFile(thumb);
    const key = variantKey(ctx.workspaceId, assetId, "thumb", "v1", "webp");
    const put = await storage.put(key, createReadStream(thumb), { contentType: "image/webp" });
    out.push({ preset: "thumb", key, width: info.width, height: info.height, bytes: put.bytes, format: "webp" });
  }
  if (analysis.posterFile) {
    const poster = path.join(workDir, "poster.jpg");
    const info = await sharp(analysis.posterFile).jpeg({ quality: 85 }).toFile(poster);
    const key = variantKey(ctx.workspaceId, assetId, "poster", "v1", "jpg");
    const put = await storage.put(key, createReadStream(poster), { contentType: "image/jpeg" });
    out.push({ preset: "poster", key, width: info.width, height: info.height, bytes: put.bytes, format: "jpeg" });
  }
  if (analysis.cleanFile) {
    const key = variantKey(ctx.workspaceId, assetId, "clean", "v1", received.type.format);
    const put = await storage.put(key, createReadStream(analysis.cleanFile), { contentType: received.type.mime });
    out.push({ preset: "clean", key, width: analysis.width, height: analysis.height, bytes: put.bytes, format: received.type.format });
  }
  return out;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === "23505" || err?.cause?.code === "23505";
}

/** Receives, checks, de-duplicates, analyses and stores one file, then records it as a DRAFT asset. */
export async function ingestAsset(ctx: Ctx, input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  await assertCanUpload(ctx, input.libraryId);
  const limits = mergeLimits(options.limits);
  const fileName = sanitiseFileName(input.fileName);
  const workDir = await makeWorkDir();
  try {
    const received = await receiveToFile(input.stream, fileName, workDir, limits);
    return await ingestReceived(ctx, { ...input, fileName }, received, workDir, limits, options);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The part of the pipeline after the bytes are on local disk (the resumable upload's finish joins here). */
export async function ingestReceived(
  ctx: Ctx,
  input: Omit<IngestInput, "stream">,
  received: Received,
  workDir: string,
  limits: MediaLimits,
  options: IngestOptions,
): Promise<IngestResult> {
  const existing = await findBySha(ctx, received.sha256);
  if (existing) return { created: false, duplicateOf: existing };

  const analysis = await analyzeFile(received.file, received.type, workDir, limits);
  const storage = mediaStorage();
  const key = originalKey(ctx.workspaceId, received.sha256);
  const storedBytes = (await stat(analysis.storeFile)).size;
  await storage.put(key, createReadStream(analysis.storeFile), { contentType: received.type.mime, immutable: true });

  const assetId = randomUUID();
  const variants = await storeUploadVariants(ctx, assetId, received, analysis, workDir);
  const width = analysis.width;
  const height = analysis.height;
  let asset: MediaAsset;
  try {
    asset = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mediaAssets)
        .values({
          id: assetId,
          workspaceId: ctx.workspaceId,
          libraryId: input.libraryId,
          name: input.name?.trim() || displayName(input.fileName),
          originalFileName: input.fileName,
          kind: received.type.kind,
          mime: received.type.mime,
          bytes: storedBytes,
          width,
          height,
          aspectRatio: width && height ? Math.round((width / height) * 10_000) / 10_000 : null,
          durationMs: analysis.durationMs,
          pageCount: analysis.pageCount,
          format: received.type.format,
          palette: analysis.palette,
          blurhash: analysis.blurhash,
          sha256: received.sha256,
          dhash: analysis.dhash,
          originalKey: key,
          exif: analysis.exif,
          uploadedByUserId: ctx.apiKeyId ? null : ctx.userId,
        })
        .returning();
      await tx.insert(mediaApprovals).values({
        workspaceId: ctx.workspaceId,
        assetId,
        action: "upload",
        fromStatus: null,
        toStatus: "DRAFT",
        actorUserId: ctx.apiKeyId ? null : ctx.userId,
        actorLabel: ctx.actorLabel,
      });
      if (variants.length) {
        await tx.insert(mediaVariants).values(
          variants.map((v) => ({
            workspaceId: ctx.workspaceId,
            assetId,
            preset: v.preset,
            storageKey: v.key,
            width: v.width,
            height: v.height,
            bytes: v.bytes,
            format: v.format,
          })),
        );
      }
      await recordAudit(tx, ctx, {
        action: "media_asset.upload",
        entityType: "media_asset",
        entityId: assetId,
        after: { name: row!.name, kind: row!.kind, bytes: row!.bytes, sha256: row!.sha256, libraryId: input.libraryId },
      });
      return row!;
    });
  } catch (e) {
    await Promise.all(variants.map((v) => storage.delete(v.key).catch(() => {})));
    // Another upload of the same file won the race: answer as a duplicate (the shared original stays, same bytes).
    if (isUniqueViolation(e)) {
      const winner = await findBySha(ctx, received.sha256);
      if (winner) return { created: false, duplicateOf: winner };
    }
    throw e;
  }

  if (asset.kind === "image" || asset.kind === "svg") await scheduleVariants(ctx, asset.id, options);
  const nearDuplicates = asset.dhash !== null ? await findNearDuplicatesOfHash(ctx, asset.dhash, { excludeId: asset.id, limit: 5 }) : [];
  return { created: true, asset, nearDuplicates, notes: analysis.notes };
}

/** Makes (or queues) the platform variants of an image or SVG asset, per `options.variants`. */
export async function scheduleVariants(ctx: Ctx, assetId: string, options: Pick<IngestOptions, "variants" | "boss">): Promise<void> {
  const mode = options.variants ?? "queue";
  if (mode === "skip") return;
  const { generateVariants, generateVariantsJob } = await import("./variants");
  if (mode === "inline") {
    await generateVariants(ctx.db, { workspaceId: ctx.workspaceId, assetId });
    return;
  }
  try {
    const { enqueue } = await import("@/lib/jobs/queue");
    const boss = options.boss ?? (await (await import("@/lib/jobs/runtime")).getQueue()).boss;
    await enqueue(boss, generateVariantsJob, { workspaceId: ctx.workspaceId, assetId }, { singletonKey: `media-variants:${assetId}` });
  } catch (e) {
    // The asset is stored and has its thumbnail; the presets can be made again later.
    logger().warn({ err: e, assetId }, "media: could not queue variant generation");
  }
}
