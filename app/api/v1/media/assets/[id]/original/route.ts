// GET /api/v1/media/assets/{id}/original: the asset as users download it, streamed, with EXIF/XMP/GPS stripped.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { downloadOriginalRoute } from "@/lib/api/specs/media";
import { openOriginal } from "@/lib/media";
import { deliveryResponse, handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handleStream(downloadOriginalRoute, async ({ ctx, params, query }) => deliveryResponse(await openOriginal(ctx, params.id), query.download === "1"));
