// GET /api/v1/media/most-used: the workspace's most attached assets.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { mostUsedRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { assetToJson, mostUsed } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(mostUsedRoute, async ({ ctx, query }) => ({
  items: (await mostUsed(ctx, query)).map((a) => ({ asset: assetToJson(a), usageCount: a.usageCount })),
}));
