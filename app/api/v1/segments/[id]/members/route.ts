// POST /api/v1/segments/{id}/members: add contacts to, or remove them from, a static list.
// Never add a contact the engine has not checked belongs to the caller's workspace.
import { segmentMembersRoute } from "@/lib/api/specs/segments";
import { addToStaticList, removeFromStaticList } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(segmentMembersRoute, async ({ ctx, params, body }) =>
  body.action === "add" ? addToStaticList(ctx, params.id, body.contactIds) : removeFromStaticList(ctx, params.id, body.contactIds),
);
