// GET /api/v1/media/compare?ids=a,b[,c,d]&channel=: 2–4 assets' performance side by side.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { compareAssetsRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { compareAssets, comparisonToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(compareAssetsRoute, async ({ ctx, query }) => comparisonToJson(await compareAssets(ctx, query)));
