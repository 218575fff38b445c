// GET /api/v1/media/assets/{id}/performance: per-channel totals, rates, daily series and the high-performer flag.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { assetPerformanceRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { getAssetPerformance } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(assetPerformanceRoute, async ({ ctx, params, query }) => getAssetPerformance(ctx, { assetId: params.id, ...query }));
