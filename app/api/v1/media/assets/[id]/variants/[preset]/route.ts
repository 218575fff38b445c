// GET /api/v1/media/assets/{id}/variants/{preset}: a generated variant, streamed (made without metadata).
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { downloadVariantRoute } from "@/lib/api/specs/media";
import { openVariant } from "@/lib/media";
import { deliveryResponse, handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handleStream(downloadVariantRoute, async ({ ctx, params, query }) =>
  deliveryResponse(await openVariant(ctx, params.id, params.preset), query.download === "1"),
);
