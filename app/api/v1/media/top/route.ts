// GET /api/v1/media/top?channel=&aspect=&kind=&libraryId=&limit=: the best assets by CTR with enough impressions.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { topPerformersRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { PERFORMANCE_THRESHOLDS, topPerformers, topPerformerToJson } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(topPerformersRoute, async ({ ctx, query }) => ({
  items: (await topPerformers(ctx, query)).map(topPerformerToJson),
  thresholds: { ...PERFORMANCE_THRESHOLDS },
}));
