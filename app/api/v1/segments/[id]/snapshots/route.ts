// POST /api/v1/segments/{id}/snapshots: freeze the segment's membership now (for a send or an export).
// Never snapshot another workspace's segment: the engine makes it 404.
import { snapshotSegmentRoute } from "@/lib/api/specs/segments";
import { snapshotSegment } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(snapshotSegmentRoute, async ({ ctx, params, body }) => snapshotSegment(ctx, params.id, body.purpose));
