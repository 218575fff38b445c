// GET/POST /api/v1/media/assets: keyset list with filters, and a streamed multipart upload (201 new, 200 duplicate).
// Thin: the engine authorises, streams and checks; this file never reads the upload into memory.
import { listAssetsRoute, uploadAssetRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { assetToJson, listAssets, uploadMultipart, uploadResultToJson } from "@/lib/media";
import { handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handle(listAssetsRoute, async ({ ctx, query }) => {
  const page = await listAssets(ctx, query);
  return { items: page.items.map(assetToJson), nextCursor: page.nextCursor };
});

export const POST = handleStream(uploadAssetRoute, async ({ ctx, query, request }) => {
  const result = await uploadMultipart(ctx, { headers: request.headers, body: request.body }, { libraryId: query.libraryId, name: query.name });
  return Response.json(uploadResultToJson(result), { status: result.created ? 201 : 200 });
});
