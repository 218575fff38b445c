// GET /api/v1/segments/{id}/contacts: the segment's contacts, keyset-paginated (newest first).
// Never page with OFFSET or list another workspace's segment (the engine makes it 404).
import { listSegmentContactsRoute } from "@/lib/api/specs/segments";
import { listSegmentContacts } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(listSegmentContactsRoute, async ({ ctx, params, query }) => {
  const page = await listSegmentContacts(ctx, params.id, query.cursor, query.limit);
  return { items: page.items.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })), nextCursor: page.nextCursor };
});
