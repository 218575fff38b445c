// GET/POST /api/v1/segments: list (keyset) and create. Thin: the wrapper authenticates and validates, the engine decides.
// Never query here: authorisation and workspace scoping live in lib/crm/segments.
import { createSegmentRoute, listSegmentsRoute } from "@/lib/api/specs/segments";
import { createSegment, listSegments, segmentToJson } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(listSegmentsRoute, async ({ ctx, query }) => {
  const page = await listSegments(ctx, query);
  return { items: page.items.map(segmentToJson), nextCursor: page.nextCursor };
});

export const POST = handle(createSegmentRoute, async ({ ctx, body }) => segmentToJson(await createSegment(ctx, body)));
