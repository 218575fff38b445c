// GET /api/v1/segments/{id}/count: how many contacts a saved segment holds now.
// Never answer for another workspace's segment: the engine makes it 404.
import { countSegmentRoute } from "@/lib/api/specs/segments";
import { countSegment } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(countSegmentRoute, async ({ ctx, params }) => countSegment(ctx, params.id));
