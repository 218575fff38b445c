// GET/PATCH/DELETE /api/v1/segments/{id}. Thin: the engine authorises and scopes to the caller's workspace.
// Never answer 403 for another workspace's segment: it is 404, as if it did not exist.
import { deleteSegmentRoute, getSegmentRoute, updateSegmentRoute } from "@/lib/api/specs/segments";
import { deleteSegment, getSegment, segmentToJson, updateSegment } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(getSegmentRoute, async ({ ctx, params }) => segmentToJson(await getSegment(ctx, params.id)));

export const PATCH = handle(updateSegmentRoute, async ({ ctx, params, body }) =>
  segmentToJson(await updateSegment(ctx, { ...body, id: params.id })),
);

export const DELETE = handle(deleteSegmentRoute, async ({ ctx, params }) => deleteSegment(ctx, params.id));
