// POST /api/v1/media/uploads: open a resumable upload session for a large file.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { createUploadRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { createUpload, uploadToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const POST = handle(createUploadRoute, async ({ ctx, body }) => uploadToJson(await createUpload(ctx, body)));
