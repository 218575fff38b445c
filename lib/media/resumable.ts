// Resumable uploads for large files: create a session, PUT chunks in order with Content-Range (a lost connection resumes
// from `receivedBytes`), then finish through the same pipeline as any upload. Never accepts a byte past the declared size.
import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { mediaUploads, type MediaUpload } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, BadRequestError, ConflictError } from "@/lib/errors";
import { isUuid } from "./assets";
import { MediaTooLargeError, uploadNotFound } from "./errors";
import { assertCanUpload, ingestReceived, mergeLimits, receiveToFile, sanitiseFileName, type IngestOptions, type IngestResult } from "./ingest";
import { formatBytes, MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES, UPLOAD_SESSION_HOURS } from "./limits";
import { uploadTempPath } from "./maintenance";
import { createUploadSchema, type CreateUploadInput } from "./schemas";
import { makeWorkDir } from "./workdir";
import type { ContentRange } from "./content-range";

export { parseContentRange, type ContentRange } from "./content-range";

/** Passes a chunk through, refusing any byte beyond the length its Content-Range announced. */
class ChunkLimiter extends Transform {
  bytes = 0;
  constructor(private readonly length: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.length) return cb(new BadRequestError(`The chunk is longer than its Content-Range (${this.length} bytes).`, "CHUNK_LENGTH_MISMATCH"));
    cb(null, chunk);
  }
}

export async function getUpload(ctx: Ctx, id: string): Promise<MediaUpload> {
  authorize(ctx, "media.write");
  if (!isUuid(id)) throw uploadNotFound();
  const [row] = await ctx.db
    .select()
    .from(mediaUploads)
    .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id)))
    .limit(1);
  if (!row) throw uploadNotFound();
  return row;
}

/** Opens an upload session for a file of `bytes` bytes; chunks follow with appendUploadChunk. */
export async function createUpload(ctx: Ctx, raw: CreateUploadInput): Promise<MediaUpload> {
  const input = createUploadSchema.parse(raw);
  await assertCanUpload(ctx, input.libraryId);
  if (input.bytes > MAX_UPLOAD_BYTES) throw new MediaTooLargeError(`The file is larger than the ${formatBytes(MAX_UPLOAD_BYTES)} upload limit.`);
  const id = randomUUID();
  const tempKey = `uploads/${ctx.workspaceId}/${id}.part`;
  const file = uploadTempPath(tempKey);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, "");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mediaUploads)
      .values({
        id,
        workspaceId: ctx.workspaceId,
        libraryId: input.libraryId,
        fileName: sanitiseFileName(input.fileName),
        expectedBytes: input.bytes,
        tempKey,
        createdByUserId: ctx.apiKeyId ? null : ctx.userId,
        expiresAt: new Date(Date.now() + UPLOAD_SESSION_HOURS * 3_600_000),
      })
      .returning();
    await recordAudit(tx, ctx, { action: "media_upload.create", entityType: "media_upload", entityId: id, after: { fileName: row!.fileName, bytes: input.bytes } });
    return row!;
  });
}

function assertOpen(upload: MediaUpload): void {
  if (upload.status !== "open") throw new ConflictError(`This upload is ${upload.status}; start a new one to send the file again.`, "UPLOAD_NOT_OPEN");
  if (upload.expiresAt.getTime() < Date.now()) throw new ConflictError("This upload has expired; start a new one.", "UPLOAD_EXPIRED");
}

/**
 * Writes one chunk at its offset. The chunk must start where the upload stands (`receivedBytes`); a repeat of a chunk
 * already received is acknowledged without writing. Answers the session with its new `receivedBytes`.
 */
export async function appendUploadChunk(ctx: Ctx, id: string, range: ContentRange | null, body: Readable | null): Promise<MediaUpload> {
  const upload = await getUpload(ctx, id);
  assertOpen(upload);
  if (!range) throw new BadRequestError("Send `Content-Range: bytes <start>-<end>/<total>` with each chunk.", "CONTENT_RANGE_REQUIRED");
  if (range.total !== upload.expectedBytes) {
    throw new ConflictError(`This upload was opened for ${upload.expectedBytes} bytes, not ${range.total}.`, "UPLOAD_SIZE_MISMATCH");
  }
  const length = range.end - range.start + 1;
  if (length > MAX_CHUNK_BYTES) throw new MediaTooLargeError(`A chunk may be at most ${formatBytes(MAX_CHUNK_BYTES)}.`);
  if (range.end < upload.receivedBytes) {
    body?.resume();
    return upload;
  }
  if (range.start !== upload.receivedBytes) {
    throw new AppError("UPLOAD_OFFSET_MISMATCH", 409, `The upload stands at byte ${upload.receivedBytes}; resume from there.`, { receivedBytes: upload.receivedBytes });
  }
  if (!body) throw new BadRequestError("The chunk has no body.", "EMPTY_CHUNK");
  const counter = new ChunkLimiter(length);
  // Written at its offset, so a retried chunk overwrites the same bytes instead of appending twice.
  await pipeline(body, counter, createWriteStream(uploadTempPath(upload.tempKey), { flags: "r+", start: range.start }));
  if (counter.bytes !== length) {
    throw new BadRequestError(`The chunk ended after ${counter.bytes} of ${length} bytes; send it again.`, "CHUNK_LENGTH_MISMATCH");
  }
  const [row] = await ctx.db
    .update(mediaUploads)
    .set({ receivedBytes: sql`greatest(${mediaUploads.receivedBytes}, ${range.end + 1})`, updatedAt: new Date() })
    .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id), eq(mediaUploads.status, "open")))
    .returning();
  if (!row) throw new ConflictError("This upload was finished or cancelled meanwhile.", "UPLOAD_NOT_OPEN");
  return row;
}

/** Turns a complete upload into an asset (or the existing duplicate), through the same checks as a direct upload. */
export async function finishUpload(ctx: Ctx, id: string, options: IngestOptions = {}): Promise<{ upload: MediaUpload; result: IngestResult }> {
  const upload = await getUpload(ctx, id);
  assertOpen(upload);
  if (upload.receivedBytes !== upload.expectedBytes) {
    throw new AppError("UPLOAD_INCOMPLETE", 409, `Only ${upload.receivedBytes} of ${upload.expectedBytes} bytes have arrived; send the rest first.`, { receivedBytes: upload.receivedBytes });
  }
  const [claimed] = await ctx.db
    .update(mediaUploads)
    .set({ status: "finishing", updatedAt: new Date() })
    .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id), eq(mediaUploads.status, "open")))
    .returning();
  if (!claimed) throw new ConflictError("This upload is already being finished.", "UPLOAD_NOT_OPEN");
  const temp = uploadTempPath(upload.tempKey);
  const workDir = await makeWorkDir();
  try {
    const limits = mergeLimits(options.limits);
    const received = await receiveToFile(createReadStream(temp), upload.fileName, workDir, limits);
    const result = await ingestReceived(ctx, { libraryId: upload.libraryId, fileName: upload.fileName }, received, workDir, limits, options);
    const assetId = result.created ? result.asset.id : result.duplicateOf.id;
    const [done] = await ctx.db
      .update(mediaUploads)
      .set({ status: "completed", assetId, duplicate: !result.created, updatedAt: new Date() })
      .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id)))
      .returning();
    return { upload: done!, result };
  } catch (e) {
    const err = e instanceof AppError ? e : null;
    await ctx.db
      .update(mediaUploads)
      .set({ status: "failed", errorCode: err?.code ?? "INTERNAL", errorMessage: err?.message ?? "The upload could not be processed.", updatedAt: new Date() })
      .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id)));
    throw e;
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await rm(temp, { force: true });
  }
}

/** Stops an upload and deletes what arrived of it. */
export async function cancelUpload(ctx: Ctx, id: string): Promise<MediaUpload> {
  const upload = await getUpload(ctx, id);
  if (upload.status === "completed") throw new ConflictError("This upload has already become an asset.", "UPLOAD_NOT_OPEN");
  await rm(uploadTempPath(upload.tempKey), { force: true });
  const [row] = await ctx.db
    .update(mediaUploads)
    .set({ status: "cancelled", updatedAt: new Date() })
    .where(and(eq(mediaUploads.workspaceId, ctx.workspaceId), eq(mediaUploads.id, id)))
    .returning();
  return row!;
}
