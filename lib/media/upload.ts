// Direct uploads as multipart/form-data: the first file field (named `file`) is streamed straight into the ingest
// pipeline. Never buffers the request, and stops reading it as soon as the file is refused.
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { Ctx } from "@/lib/auth/context";
import { BadRequestError } from "@/lib/errors";
import { MediaTooLargeError } from "./errors";
import { assertCanUpload, ingestAsset, type IngestOptions, type IngestResult } from "./ingest";
import { formatBytes, MAX_UPLOAD_BYTES } from "./limits";

export interface MultipartUploadRequest {
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

const NOT_MULTIPART = "Send the file as multipart/form-data with a field named `file` (or use the resumable upload endpoints).";

/** Uploads the `file` field of a multipart request into `libraryId`. */
export async function uploadMultipart(
  ctx: Ctx,
  req: MultipartUploadRequest,
  target: { libraryId: string; name?: string },
  options: IngestOptions = {},
): Promise<IngestResult> {
  // Permission and library first: a refused caller's body is never read.
  await assertCanUpload(ctx, target.libraryId);
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType) || !req.body) throw new BadRequestError(NOT_MULTIPART, "NOT_MULTIPART");
  const maxBytes = Math.max(MAX_UPLOAD_BYTES, ...Object.values(options.limits?.sizes ?? {}));
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + 1024 * 1024) {
    throw new MediaTooLargeError(`The file is larger than the ${formatBytes(maxBytes)} upload limit.`);
  }

  const source = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
  return new Promise<IngestResult>((resolve, reject) => {
    let settled = false;
    let started: Promise<IngestResult> | null = null;
    const finish = (e: unknown, result?: IngestResult) => {
      if (settled) return;
      settled = true;
      if (e) {
        source.unpipe();
        source.destroy();
        reject(e);
      } else {
        resolve(result!);
      }
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: maxBytes + 1, fields: 20, parts: 40, fieldSize: 64 * 1024 } });
    } catch {
      finish(new BadRequestError(NOT_MULTIPART, "NOT_MULTIPART"));
      return;
    }
    bb.on("file", (field, stream, info) => {
      if (field !== "file" || started) {
        stream.resume();
        return;
      }
      started = ingestAsset(ctx, { libraryId: target.libraryId, name: target.name, fileName: info.filename ?? "upload", stream }, options);
      started.then(
        (r) => finish(null, r),
        (e: unknown) => finish(e),
      );
    });
    bb.on("error", () => finish(new BadRequestError("The upload was interrupted or is not valid multipart/form-data.", "MALFORMED_UPLOAD")));
    bb.on("close", () => {
      if (!started) finish(new BadRequestError("Attach the file in a form field named `file`.", "FILE_REQUIRED"));
    });
    source.on("error", () => finish(new BadRequestError("The upload was interrupted.", "MALFORMED_UPLOAD")));
    source.pipe(bb);
  });
}
