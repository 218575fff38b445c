// GET /api/v1/media/assets/{id}/duplicates: near duplicates by perceptual hash, with distance and similarity.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { nearDuplicatesRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { findNearDuplicates, nearDuplicateToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(nearDuplicatesRoute, async ({ ctx, params, query }) => ({
  items: (await findNearDuplicates(ctx, params.id, query)).map(nearDuplicateToJson),
  maxDistance: query.maxDistance,
}));
