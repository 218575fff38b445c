// GET /api/v1/media/stats?libraryId=: counts by kind and status, bytes, most used and best performing assets.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { libraryStatsRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { libraryStats, libraryStatsToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(libraryStatsRoute, async ({ ctx, query }) => libraryStatsToJson(await libraryStats(ctx, query)));
