// POST /api/v1/media/assets/{id}/purge: permanent deletion, refused while the asset is in use (archive instead).
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { purgeAssetRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { purgeAsset } from "@/lib/media";

export const dynamic = "force-dynamic";

export const POST = handle(purgeAssetRoute, async ({ ctx, params }) => purgeAsset(ctx, params.id));
