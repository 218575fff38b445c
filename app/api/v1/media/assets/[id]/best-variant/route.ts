// GET /api/v1/media/assets/{id}/best-variant?network=&placement=: the original, a variant, or the preset to generate.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { bestVariantRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { bestVariantFor } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(bestVariantRoute, async ({ ctx, params, query }) => bestVariantFor(ctx, { assetId: params.id, ...query }));
