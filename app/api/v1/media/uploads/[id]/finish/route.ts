// POST /api/v1/media/uploads/{id}/finish: turn a complete resumable upload into an asset (or the existing duplicate).
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { finishUploadRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { finishUpload, uploadResultToJson, uploadToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const POST = handle(finishUploadRoute, async ({ ctx, params }) => {
  const { upload, result } = await finishUpload(ctx, params.id);
  return Response.json({ upload: uploadToJson(upload), result: uploadResultToJson(result) }, { status: result.created ? 201 : 200 });
});
