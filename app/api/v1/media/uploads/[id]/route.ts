// GET/PUT/DELETE /api/v1/media/uploads/{id}: state (where to resume), the next chunk (raw bytes + Content-Range), cancel.
// The chunk is streamed to disk; this file never reads it into memory.
import { cancelUploadRoute, getUploadRoute, putUploadChunkRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { appendUploadChunk, cancelUpload, getUpload, parseContentRange, uploadToJson } from "@/lib/media";
import { bodyStream, handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handle(getUploadRoute, async ({ ctx, params }) => uploadToJson(await getUpload(ctx, params.id)));

export const PUT = handleStream(putUploadChunkRoute, async ({ ctx, params, request }) =>
  Response.json(uploadToJson(await appendUploadChunk(ctx, params.id, parseContentRange(request.headers.get("content-range")), bodyStream(request)))),
);

export const DELETE = handle(cancelUploadRoute, async ({ ctx, params }) => uploadToJson(await cancelUpload(ctx, params.id)));
