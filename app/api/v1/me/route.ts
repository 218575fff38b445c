// GET /api/v1/me: which workspace and role the caller's credential acts with.
import { getWorkspace } from "@/lib/workspaces";
import { meRoute } from "@/lib/api/routes";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(meRoute, async ({ ctx }) => {
  const w = await getWorkspace(ctx);
  return { workspaceId: w.id, workspaceName: w.name, role: ctx.role, actor: ctx.actorLabel };
});
